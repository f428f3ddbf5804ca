{ echo
