echo ~ ~/x ~root ~+ ~- ~1 ~-2 a=~/x x:~/y "~" '~' \~ ~"x" ~$USER
PATH=$PATH:~/bin:~root/bin
