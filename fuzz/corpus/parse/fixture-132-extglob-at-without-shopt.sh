echo @(a|b)
