'[[' a ]]
\[\[ a ]]
"if" true
