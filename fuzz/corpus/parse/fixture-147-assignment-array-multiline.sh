a=(
  one   # comment
  two
  # full comment line
  "three four"

  five
)
