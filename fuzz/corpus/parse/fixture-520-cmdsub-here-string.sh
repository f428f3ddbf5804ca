x=$(tr a-z A-Z <<< "$y")
