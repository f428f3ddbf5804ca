x=@(a|b)
