echo {1..$n} $(seq 1 "$n") {a..c}{1..2} {$a..$b}
