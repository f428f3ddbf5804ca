case x
