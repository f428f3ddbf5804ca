case "$answer" in
  [Yy]|[Yy][Ee][Ss]) echo yes ;;
  [Nn]*) echo no ;;
  "") echo empty ;;
  "$default") echo default ;;
esac
