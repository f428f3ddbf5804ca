for i in a b c; { echo $i; }
for i; { :; }
