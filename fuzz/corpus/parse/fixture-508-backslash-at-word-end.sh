echo a\\ "a\\" 'a\' \\\\
