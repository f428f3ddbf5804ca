if a; then if b; then if c; then d; fi; fi; fi
