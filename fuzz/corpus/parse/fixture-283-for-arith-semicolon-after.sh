for ((i=0;i<3;i++)); do echo $i; done; echo after
for ((i=0; i<1; i++)) ; do :; done
