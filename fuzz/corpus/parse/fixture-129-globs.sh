echo * ? [abc] [!a] [^a] [[:alpha:]] **/x [a-z]* [] ] []] [!]] *.{c,h} .??* ./*/*.txt
