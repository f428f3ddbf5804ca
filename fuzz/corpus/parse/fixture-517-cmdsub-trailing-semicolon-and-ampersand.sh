x=$(echo hi;)
y=$(sleep 1 &)
