cat <(then)
