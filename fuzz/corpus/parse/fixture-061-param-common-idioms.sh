script_dir=${BASH_SOURCE[0]%/*}
name=${0##*/}
base=${PWD##*/}
ext=${file##*.}
stem=${file%.*}
: "${HOME:?HOME must be set}"
: ${DEBUG:=0}
args=("${@/#/--}")
echo "${args[@]}" "${@:$#}" "${!#}" "${@: -1}"
