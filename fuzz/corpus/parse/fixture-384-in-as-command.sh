in
in x
