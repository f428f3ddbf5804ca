for ((a;b;c;d)); do :; done
