x=`
echo a
echo b
`
