echo start
{ echo a; } ; { echo b; }
