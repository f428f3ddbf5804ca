select x in a; do
