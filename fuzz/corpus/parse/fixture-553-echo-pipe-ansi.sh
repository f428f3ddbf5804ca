echo $'\n' | cat
