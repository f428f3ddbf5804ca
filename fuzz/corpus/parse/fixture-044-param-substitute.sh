echo ${x/a/b} ${x//a/b} ${x/#a/b} ${x/%a/b} ${x/a} ${x//a} ${x/} ${x//\//-} ${x//[[:space:]]/}
