for i in a b # list
do # body starts
  : # nothing
done # end
if true # cond
then # then
  : # body
fi # done
