echo `echo $x` "`echo "a b"`" `echo '$y'` `echo \$z`
