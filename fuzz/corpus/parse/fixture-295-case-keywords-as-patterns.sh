case $1 in
  if|then|fi) echo kw;;
  do|done) echo kw2;;
  case) echo c;;
esac
