awk -F: '$3 >= 1000 && $1 != "nobody" { print $1 ": " $6 } END { print NR }' /etc/passwd
sed -n '/^start/,/^end/{ s/foo/bar/g; p }' file
awk "{ print \$1, \"$x\" }"
