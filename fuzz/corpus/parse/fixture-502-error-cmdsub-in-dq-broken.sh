echo "$(if true; then echo; )"
