cat <<
