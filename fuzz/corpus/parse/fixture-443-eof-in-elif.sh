if a; then b; elif
