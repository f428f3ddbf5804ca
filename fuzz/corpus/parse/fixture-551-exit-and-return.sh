f() { return; }
g() { return 1; }
exit 0
