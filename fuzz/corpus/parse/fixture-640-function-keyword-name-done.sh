function done { :; }
