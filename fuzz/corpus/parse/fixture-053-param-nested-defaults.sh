echo ${x:-${y:-${z:-${w:-${v:-default}}}}}
echo "${a:-"${b:-"${c:-deep}"}"}"
