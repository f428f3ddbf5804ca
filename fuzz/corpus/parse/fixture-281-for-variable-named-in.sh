for in in in; do echo $in; done
