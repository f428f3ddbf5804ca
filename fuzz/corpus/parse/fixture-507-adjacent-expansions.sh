echo ${x}${y}z $x$y "$x""$y" $x"$y"'$z' ${x}_suffix $x_notsuffix
