f() {
  local a=(x y
}
