x=$(echo a \
  b \
  c)
