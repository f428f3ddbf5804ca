coproc fi
