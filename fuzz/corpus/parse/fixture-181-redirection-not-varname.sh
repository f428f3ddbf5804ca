echo {1a}>x {a-b}>y {}>z
