function outer {
  function inner {
    inner2() { echo deep; }
  }
}
