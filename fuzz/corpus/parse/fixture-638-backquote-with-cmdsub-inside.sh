echo `echo $(echo x)` "\`" '\`'
