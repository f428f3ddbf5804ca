echo ${x:-${y:-z}
