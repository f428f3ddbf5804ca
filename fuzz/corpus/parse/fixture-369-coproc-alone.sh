coproc
