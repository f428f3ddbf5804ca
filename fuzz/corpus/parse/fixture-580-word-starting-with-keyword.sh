iffy thenx fiesta done_it esac2 dox
