echo $(echo $(echo $(echo $(echo deep))))
