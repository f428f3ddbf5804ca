function -x { :; }
