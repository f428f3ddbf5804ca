for i in 1 2 3; do :; done
for i in "$@"
do
  echo "$i"
done
for i in $(seq 3) {a..c} *.txt; do :; done
