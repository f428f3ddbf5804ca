a | b | c
a |& b |& c
! a | b
time a | b
time -p a
! time a
time ! a
