cat <<A <<-B <<'C'
1
A
	2
	B
$3
C
