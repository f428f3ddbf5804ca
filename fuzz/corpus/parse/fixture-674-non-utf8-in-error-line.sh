echo ÿ )
