echo a>b<c
cat<<EOF
x
EOF
echo x|&cat
echo hi>|f
(echo)|(cat)
{ echo;}
