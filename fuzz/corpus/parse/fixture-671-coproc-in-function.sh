start() {
  coproc SRV { nc -l 8080; }
  echo "pid $SRV_PID"
}
