PS3='Pick one: '
select choice in apple banana "cherry pie"; do
  case $choice in
    apple|banana) echo "$choice"; break ;;
    *) echo invalid ;;
  esac
done
