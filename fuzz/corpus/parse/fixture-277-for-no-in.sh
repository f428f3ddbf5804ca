for i; do :; done
for i do :; done
for i
do
  :
done
