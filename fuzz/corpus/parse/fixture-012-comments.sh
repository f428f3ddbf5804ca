# leading comment
echo a # trailing comment
   # indented comment
echo b#notcomment c #comment ; echo hidden
echo d;# after semicolon
echo e &# after ampersand
wait
