echo a; then
