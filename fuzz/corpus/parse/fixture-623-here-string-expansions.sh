cat <<< $((1+2))
cat <<< "$(date)"$'\n'
diff -u <(echo a) - <<<"b"
