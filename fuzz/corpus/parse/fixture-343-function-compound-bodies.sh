f1() if true; then :; fi
f2() while false; do :; done
f3() [[ -n x ]]
f4() (( 1 ))
f5() for i; do :; done
f6() case x in *) ;; esac
f7() until true; do :; done
f8() for ((;;)); do break; done
f9() select x; do :; done
