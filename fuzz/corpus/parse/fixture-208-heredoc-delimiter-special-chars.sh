cat <<'a;b|c'
x
a;b|c
cat <<-_END_
_END_
