x=$(<file)
y=$(< "$file")
