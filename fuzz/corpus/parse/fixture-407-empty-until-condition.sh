until do :; done
