a ;& b
