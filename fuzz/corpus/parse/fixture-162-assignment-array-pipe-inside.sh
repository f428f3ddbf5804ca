a=(a|b)
