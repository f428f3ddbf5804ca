echo a#b ${x#y} $# '#' "#" \#x x\# #gone
echo ${#x} ${##} $#x {a,#b} x=#
