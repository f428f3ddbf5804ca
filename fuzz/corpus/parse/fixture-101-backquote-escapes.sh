echo `echo \\ \$ \` "\\n"`
