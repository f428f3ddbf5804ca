f() {
  echo hi
