cat <<EOF
no terminator here
