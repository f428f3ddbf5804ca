time fi
