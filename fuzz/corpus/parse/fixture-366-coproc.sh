coproc cat
coproc NAME { cat; }
coproc { cat; }
coproc NAME2 ( cat )
coproc cat <&0
