if then echo; fi
