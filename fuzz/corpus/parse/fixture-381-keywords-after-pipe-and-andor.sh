true | if true; then cat; fi
true && { :; }
false || while false; do :; done
true | { cat; } | ( cat )
