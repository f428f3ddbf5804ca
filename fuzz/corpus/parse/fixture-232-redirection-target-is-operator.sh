echo < ;
