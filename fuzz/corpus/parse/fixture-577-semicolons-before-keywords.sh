if true ; then : ; elif false ; then : ; else : ; fi
while false ; do : ; done
for i in a ; do : ; done
