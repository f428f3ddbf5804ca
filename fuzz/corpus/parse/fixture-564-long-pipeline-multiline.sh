cat file \
  | grep -v '^#' \
  | sed -e 's/a/b/' -e "s/$x/y/" \
  | awk '{ print $1 }' \
  | sort -u
