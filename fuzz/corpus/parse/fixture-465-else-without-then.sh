if true; else :; fi
