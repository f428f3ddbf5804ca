a=(x >y)
