p=${p/#\~/$HOME}
line=${line%%$'\r'}
x=${x:=$(cmd)}
: ${y:?"error: $z not set"}
set -- ${x:-"$@"}
