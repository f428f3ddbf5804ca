x=$(case $y in a) echo A;; b|c) echo BC;; *) echo other;; esac)
