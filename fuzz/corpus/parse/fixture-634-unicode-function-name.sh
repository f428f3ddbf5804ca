função() { :; }
