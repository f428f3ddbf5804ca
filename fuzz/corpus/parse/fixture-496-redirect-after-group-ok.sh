{ echo; } >foo
(echo) 2>&1
