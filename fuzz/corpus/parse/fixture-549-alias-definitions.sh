alias ll='ls -l'
alias x='if'
shopt -s expand_aliases
ll
