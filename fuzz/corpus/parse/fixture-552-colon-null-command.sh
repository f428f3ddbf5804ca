: ${x:=y}
: "$(echo discarded)"
:
