while getopts ":ab:c:" opt; do
  case $opt in
    a) a=1 ;;
    b) b=$OPTARG ;;
    :) echo "missing arg for -$OPTARG" ;;
    \?) echo "bad option -$OPTARG" ;;
  esac
done
shift $((OPTIND - 1))
