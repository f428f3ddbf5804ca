echo 2>&
