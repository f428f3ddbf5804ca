declare a=(1
