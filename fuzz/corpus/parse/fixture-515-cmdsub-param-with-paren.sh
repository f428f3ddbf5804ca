echo $(echo ${x:-)})
