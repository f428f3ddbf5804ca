if true; then f() { :; }; fi
if ! declare -F g >/dev/null; then g() { :; }; fi
