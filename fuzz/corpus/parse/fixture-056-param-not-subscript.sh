echo $x[0] $x{a,b} $x.y $x-y $x:y $x/y
