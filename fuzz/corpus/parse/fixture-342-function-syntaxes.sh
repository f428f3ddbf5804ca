f() { :; }
function g { :; }
function h() { :; }
i () ( echo subshell )
function j () { :; }
