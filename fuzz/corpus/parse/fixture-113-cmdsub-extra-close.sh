echo $(echo ))
