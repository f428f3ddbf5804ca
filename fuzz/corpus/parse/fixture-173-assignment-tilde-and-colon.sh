a=~/x:~/y b=x:~:~root
