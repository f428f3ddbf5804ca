for i in; do :; done
for i in
do :; done
