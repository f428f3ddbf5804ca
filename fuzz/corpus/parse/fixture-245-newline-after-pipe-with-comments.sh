ls |   # list
  # filter out
  grep x |
  sort
