retry() {
  local n=0 max=${RETRIES:-5}
  until "$@"; do
    (( ++n >= max )) && return 1
    sleep $(( 2 ** n ))
  done
}
retry curl -fsS https://example.com
