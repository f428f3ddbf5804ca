out=$(
  grep -v '^#' file |
    sort |
    uniq -c
)
