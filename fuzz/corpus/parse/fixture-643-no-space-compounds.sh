if true;then :;fi
for i in 1 2;do :;done
while :;do break;done
f(){ :;}
until :;do :;done
