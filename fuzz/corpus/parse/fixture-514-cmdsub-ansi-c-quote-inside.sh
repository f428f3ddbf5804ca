echo $(echo $'\'' $'a\'b)')
