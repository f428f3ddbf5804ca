if

true

then

:

fi
