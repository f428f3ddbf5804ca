echo "@(a|b)" '!(x)' \@\(a\)
