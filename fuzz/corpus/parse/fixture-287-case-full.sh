case $x in
  a) ;;
  (b) echo b;;
  c|d) echo cd ;&
  e) echo e ;;&
  *) echo other ;;
esac
