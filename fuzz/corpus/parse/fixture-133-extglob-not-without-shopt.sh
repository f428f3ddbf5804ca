ls !(*.txt)
