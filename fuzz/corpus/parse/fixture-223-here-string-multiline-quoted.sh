cat <<< "line1
line2"
