echo '"' '""' 'say "hi"'
