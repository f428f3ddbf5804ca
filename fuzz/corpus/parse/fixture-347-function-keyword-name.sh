function if { :; }
