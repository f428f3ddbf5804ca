if true; then :; else
