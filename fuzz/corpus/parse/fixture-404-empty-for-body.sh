for i in x; do; done
