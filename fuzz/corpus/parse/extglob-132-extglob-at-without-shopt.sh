echo @(a|b)
