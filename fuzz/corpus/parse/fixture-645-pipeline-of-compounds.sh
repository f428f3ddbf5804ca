if true; then echo; fi | while read -r l; do :; done | { cat; } | ( cat ) | case x in *) cat;; esac
