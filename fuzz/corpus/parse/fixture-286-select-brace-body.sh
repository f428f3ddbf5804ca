select x in a b; { break; }
