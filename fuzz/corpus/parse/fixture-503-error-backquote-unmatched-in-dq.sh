echo "`echo"
