echo $(;)
