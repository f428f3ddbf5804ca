while
  true
do
  :
done
