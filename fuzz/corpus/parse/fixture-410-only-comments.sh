# nothing here
#
   # nor here
