cat <<EOF | grep x | sort
x1
y
x2
EOF
