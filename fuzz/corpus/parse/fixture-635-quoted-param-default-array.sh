echo "${x:-"${y[@]}"}" "$(< file)"
