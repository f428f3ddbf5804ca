echo ${x:-$(echo }
