echo \#not-a-comment \# '#' "# no"
