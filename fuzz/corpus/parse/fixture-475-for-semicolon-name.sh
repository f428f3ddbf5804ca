for ; do :; done
