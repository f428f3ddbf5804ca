if true; then echo a
  echo b; else echo c
fi
