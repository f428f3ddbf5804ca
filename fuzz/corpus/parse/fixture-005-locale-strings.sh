echo $"hello $USER" $"x" $"" $"with \"quotes\" and $(cmd)"
echo "$"'a' $"multi
line"
