a | ; b
