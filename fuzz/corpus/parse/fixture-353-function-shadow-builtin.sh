function echo() { builtin echo "$@"; }
cd() { builtin cd "$@" && ls; }
