ec\
ho hel\
lo wor\
ld
