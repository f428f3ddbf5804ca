for i in a; do
