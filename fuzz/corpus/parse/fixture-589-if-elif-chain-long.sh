if [ "$1" = a ]; then
  echo a
elif [ "$1" = b ]; then
  echo b
elif [ "$1" = c ]; then
  echo c
elif [ "$1" = d ]; then
  echo d
else
  echo other
fi
