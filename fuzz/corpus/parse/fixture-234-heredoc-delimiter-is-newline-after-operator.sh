cat << ;
