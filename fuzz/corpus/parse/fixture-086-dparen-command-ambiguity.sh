((echo a); echo b)
