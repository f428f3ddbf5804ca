echo -e "a\tb" -n
command -v x; command -p ls; builtin echo; enable -n echo
type -t if then fi
help for while
