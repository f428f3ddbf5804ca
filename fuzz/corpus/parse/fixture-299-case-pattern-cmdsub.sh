case $x in $(echo a)|`echo b`|${y:-c}) echo ;; esac
