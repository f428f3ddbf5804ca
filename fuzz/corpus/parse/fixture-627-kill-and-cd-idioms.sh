kill -9 -- -"$pid"
cd -- "$(dirname -- "$0")" || exit
