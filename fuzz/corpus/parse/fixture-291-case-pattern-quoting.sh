case $x in "a b"|'c'|[0-9]*|*.txt|\)|\(|x\ y|$y|"$z"*|\;) echo m ;; esac
