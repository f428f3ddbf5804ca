exec 3>&4- 5<&6-
cmd 1>&2-
