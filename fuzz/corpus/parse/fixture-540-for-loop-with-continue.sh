for f in *; do
  [[ -f $f ]] || continue
  [ -r "$f" ] && echo "$f"
done
for i in {1..3}; do for j in {1..3}; do continue 2; done; done
