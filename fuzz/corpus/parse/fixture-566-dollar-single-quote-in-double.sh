echo "$'not ansi'" "$"'ansi'
