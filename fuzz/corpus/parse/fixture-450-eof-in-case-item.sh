case x in a)
