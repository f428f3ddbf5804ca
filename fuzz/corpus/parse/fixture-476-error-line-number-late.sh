echo 1
echo 2
echo 3
echo 4
if true; then
  echo 5
fi
done
echo 8
