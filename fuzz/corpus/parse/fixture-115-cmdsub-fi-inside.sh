x=$(fi)
