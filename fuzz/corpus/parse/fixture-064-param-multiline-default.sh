echo ${x:-line one
line two}
