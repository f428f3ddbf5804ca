x=<(echo a)
f=>(cat)
