if true; echo; fi
