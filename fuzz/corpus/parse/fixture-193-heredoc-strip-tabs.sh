if true; then
	cat <<-EOF
		indented
	EOF
fi
