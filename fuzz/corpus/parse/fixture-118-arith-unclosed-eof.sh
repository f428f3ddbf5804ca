echo $(( 1 +
