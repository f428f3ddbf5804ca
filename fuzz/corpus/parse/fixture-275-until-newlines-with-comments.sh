until # wait for it
  test -f x # condition
do # body
  sleep 1
done # end
