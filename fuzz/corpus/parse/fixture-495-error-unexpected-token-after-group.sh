{ echo; } foo
