f() {
  if true; then
    :
  done
}
