echo ${a[1}
