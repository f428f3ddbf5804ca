if a; then b; elif c; then fi
