case $x in *\)*) ;; '('*) ;; *"("*) ;; esac
