if true; then :; done
