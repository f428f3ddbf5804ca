cat <(echo a
