cat < in > out 2>> err
echo hi >| clobber
cat <> rw
cmd <&0 >&2 2>&1 3<&- 4>&-
cmd &> all
cmd &>> all-append
cmd >&- <&-
