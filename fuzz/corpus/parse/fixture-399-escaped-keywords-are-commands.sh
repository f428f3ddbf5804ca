\if true
'then'
"fi"
