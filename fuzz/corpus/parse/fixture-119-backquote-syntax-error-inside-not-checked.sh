echo `if`
