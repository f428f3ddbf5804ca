a | (b)
