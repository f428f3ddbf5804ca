for ((i=0;i<3;i++)); do :; done
for ((;;)); do break; done
for (( i = 0 ; i < 10 ; i += 2 )) { echo $i; }
for ((i=0;i<3;i++))
do :; done
for ((i=0, j=10; i<j; i++, j--)); do :; done
