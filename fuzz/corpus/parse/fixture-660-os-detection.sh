if [[ -r /etc/os-release ]]; then
  . /etc/os-release
  case "$ID:${VERSION_ID%%.*}" in
    ubuntu:2[0-9]|debian:1[1-9]) pm=apt ;;
    fedora:*|rhel:[89]) pm=dnf ;;
    alpine:*) pm=apk ;;
    *) pm=unknown ;;
  esac
fi
