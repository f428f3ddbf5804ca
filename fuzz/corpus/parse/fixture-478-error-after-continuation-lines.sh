echo a \
  b \
  c
fi
