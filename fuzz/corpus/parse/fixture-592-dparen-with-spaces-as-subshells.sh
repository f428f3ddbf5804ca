( (echo a) ; (echo b) )
