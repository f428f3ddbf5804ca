echo ${x-$'\n'} "${x-$'\n'}" ${x:-$"msg"}
