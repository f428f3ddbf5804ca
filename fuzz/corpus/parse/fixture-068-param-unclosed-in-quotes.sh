echo "${x:-abc"
