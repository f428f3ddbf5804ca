diff <(sort a) <(sort b)
tee >(cat) >(wc -l) >/dev/null
cat < <(echo hi)
while read -r l; do echo "$l"; done < <(printf '%s\n' a b)
echo <(echo ')') >(cat "$(echo x)")
