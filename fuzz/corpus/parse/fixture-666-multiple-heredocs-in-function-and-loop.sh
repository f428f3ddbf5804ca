gen() {
  for f in a b; do
    cat <<EOF > "$f.txt"
file $f
EOF
    cat <<'EOF' >> "$f.txt"
literal $f
EOF
  done
}
