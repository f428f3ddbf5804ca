for ((i=0;
