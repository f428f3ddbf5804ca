coproc { cat
