x=* y=[a-z] z=?
