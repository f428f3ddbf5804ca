x=a(b)
