case $f in
  *.[ch]) echo c ;;
  [!a-z]*) echo upper ;;
  ?) echo one ;;
  [[:digit:]]*) echo digit ;;
esac
