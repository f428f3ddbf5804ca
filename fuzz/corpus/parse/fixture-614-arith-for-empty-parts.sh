for ((i=0;;)); do break; done
for ((;i<3;)); do ((i++)); done
for ((;;i++)); do break; done
