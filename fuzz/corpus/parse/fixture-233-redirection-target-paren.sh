echo > (x)
