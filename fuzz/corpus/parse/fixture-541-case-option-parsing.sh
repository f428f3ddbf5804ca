while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    -v|--verbose) verbose=1 ;;
    --prefix=*) prefix="${1#*=}" ;;
    --prefix) shift; prefix="$1" ;;
    --) shift; break ;;
    -*) echo "unknown option: $1" >&2; exit 2 ;;
    *) args+=("$1") ;;
  esac
  shift
done
