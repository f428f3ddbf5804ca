noop() { :; }
noop2() { true; }
