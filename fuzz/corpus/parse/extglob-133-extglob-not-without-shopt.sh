ls !(*.txt)
