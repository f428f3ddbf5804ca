function f { :; } > log
g() { :; } 2>&1 >/dev/null
