#!/bin/sh
#
# pre-commit hook: refuse non-ASCII file names, trailing whitespace, and large files.

if git rev-parse --verify HEAD >/dev/null 2>&1
then
	against=HEAD
else
	# Initial commit: diff against an empty tree object
	against=$(git hash-object -t tree /dev/null)
fi

allownonascii=$(git config --type=bool hooks.allownonascii)
maxsize=${MAX_FILE_SIZE:-1048576}

exec 1>&2

if [ "$allownonascii" != "true" ] &&
	test $(git diff --cached --name-only --diff-filter=A -z $against |
	  LC_ALL=C tr -d '[ -~]\0' | wc -c) != 0
then
	cat <<\EOF
Error: Attempt to add a non-ASCII file name.

This can cause problems if you want to work with people on other platforms.

To be portable it is advisable to rename the file.

If you know what you are doing you can disable this check using:

  git config hooks.allownonascii true
EOF
	exit 1
fi

status=0
git diff --cached --name-only --diff-filter=ACM -z $against | while IFS= read -r -d '' file; do
	size=$(git cat-file -s ":$file" 2>/dev/null || echo 0)
	if [ "$size" -gt "$maxsize" ]; then
		echo "error: $file is $size bytes (limit $maxsize)"
		status=1
	fi
	case $file in
		*.md|*.txt) continue ;;
	esac
	if git diff --cached -- "$file" | grep -nE '^\+.*[[:space:]]+$' >/dev/null; then
		echo "warning: trailing whitespace in $file"
	fi
done

exec git diff-index --check --cached $against --
