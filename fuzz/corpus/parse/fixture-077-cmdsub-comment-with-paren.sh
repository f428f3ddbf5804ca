x=$( # comment with ) paren
  echo hi # and another )
)
