echo $(echo ')
