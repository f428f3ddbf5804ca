for a in x=(1); do :; done
