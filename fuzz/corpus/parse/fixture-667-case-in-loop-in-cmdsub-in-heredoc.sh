cat <<EOF
$(for i in 1 2; do case $i in 1) echo one;; *) echo many;; esac; done)
EOF
