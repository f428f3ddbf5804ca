echo ${x:-"abc}
