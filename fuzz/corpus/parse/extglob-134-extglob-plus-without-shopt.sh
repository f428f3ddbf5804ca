echo +(a)
