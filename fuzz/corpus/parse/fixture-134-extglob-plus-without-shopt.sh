echo +(a)
