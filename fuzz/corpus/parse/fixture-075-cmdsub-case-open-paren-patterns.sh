x=$(case $y in (a) echo A;; (*) echo other;; esac)
