echo 'a b' 'it'\''s' '' 'x"y' '$HOME' '\n' '`date`' '$(no)'
echo 'multi
line
string' after
