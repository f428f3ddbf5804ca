if a; then
 if b; then
  if c; then
   if d; then
    if e; then
     if f; then
      if g; then
       if h; then
        if i; then
         if j; then
          if k; then
           if l; then
            echo deep
           fi
          fi
         fi
        fi
       fi
      fi
     fi
    fi
   fi
  fi
 fi
fi
