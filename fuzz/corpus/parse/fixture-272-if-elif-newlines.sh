if a; then
  :
elif
  b
then
  :
fi
