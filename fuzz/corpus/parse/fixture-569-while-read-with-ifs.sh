while IFS=: read -r user _ uid gid _ home shell; do
  echo "$user $uid $gid $home $shell"
done < /etc/passwd
