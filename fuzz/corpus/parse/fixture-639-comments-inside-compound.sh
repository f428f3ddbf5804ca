( # c
  a
  # d
)
{ # c
  a
}
if # c
  true; then :; fi
while # c
  false; do :; done
