if=1 then=2 fi=3
do=1 done=2
echo $if $then
