case $x in
  a)
    echo a |
      tr a b
    ;;
esac
