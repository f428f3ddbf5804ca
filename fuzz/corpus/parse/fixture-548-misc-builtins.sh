set -- a b c
shift; shift 2
exec >log 2>&1
printf -v var '%s' x
mapfile -t lines < file
readarray -d '' arr < <(printf 'a\0b\0')
read -ra parts <<< "$line"
declare -p var
echo "${FUNCNAME[0]}" "${BASH_LINENO[@]}" "$BASH_VERSION"
source ./x.sh; . ./y.sh
