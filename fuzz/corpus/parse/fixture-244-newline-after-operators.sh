a &&
  b ||
  c |
  d
a |

  b
a && # comment
  b
