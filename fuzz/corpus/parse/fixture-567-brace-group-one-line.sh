{ echo a; echo b; } > out; { echo c; }
