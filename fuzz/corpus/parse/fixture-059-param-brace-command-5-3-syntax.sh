echo ${ echo; }
