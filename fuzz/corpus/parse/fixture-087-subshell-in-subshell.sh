( (echo a) )
( ( echo a ) ; ( echo b ) )
