coproc BC { bc -l; }
echo '2+2' >&"${BC[1]}"
read -r result <&"${BC[0]}"
