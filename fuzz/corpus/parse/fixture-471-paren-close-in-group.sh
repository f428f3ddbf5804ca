{ echo a )
