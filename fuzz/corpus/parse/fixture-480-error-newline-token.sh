if true; then
  echo
elif
then
fi
