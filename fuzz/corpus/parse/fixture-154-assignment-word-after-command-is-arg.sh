echo x=1 y+=2 a[1]=z
