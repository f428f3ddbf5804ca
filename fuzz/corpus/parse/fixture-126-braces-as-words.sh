echo { } {a a} } { {{ }}
echo {} \; -exec
