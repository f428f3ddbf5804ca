echo ! !x x! a!b
