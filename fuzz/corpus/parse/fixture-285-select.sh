select x in a b; do break; done
select x; do :; done
select opt in "yes" "no"
do
  break
done
