while IFS= read -r -d '' f; do
  printf '%q\n' "$f"
done < <(find . -type f -print0)
