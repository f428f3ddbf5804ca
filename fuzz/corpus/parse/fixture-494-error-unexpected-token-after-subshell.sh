(echo) foo
