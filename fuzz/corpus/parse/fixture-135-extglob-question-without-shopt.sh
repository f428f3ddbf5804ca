echo ?(a)
