echo $'abc\'
