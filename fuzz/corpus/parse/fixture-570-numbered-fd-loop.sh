while read -r -u 3 line; do
  echo "$line"
done 3< file
