if true; then }
