foo-bar() { :; }
foo.bar() { :; }
foo:bar() { :; }
a@b() { :; }
function 1abc { :; }
_() { :; }
__x__() { :; }
+() { :; }
