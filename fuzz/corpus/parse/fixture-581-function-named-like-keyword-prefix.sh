fi_x() { :; }
done_() { :; }
