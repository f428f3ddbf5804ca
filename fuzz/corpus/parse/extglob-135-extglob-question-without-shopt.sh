echo ?(a)
