command declare a=(1 2)
builtin declare b=(3 4)
