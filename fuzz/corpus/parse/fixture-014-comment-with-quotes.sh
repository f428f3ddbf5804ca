# it's "fine" $( ` ${ unbalanced
echo ok # don't "care" $(
