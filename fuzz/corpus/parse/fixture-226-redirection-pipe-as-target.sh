echo > | x
