f() {
  local -n ref=$1
  local i=0 -a list=()
  declare -g G=(1 2)
  readonly -a RO=(a)
}
