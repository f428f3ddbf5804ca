echo hi if true; then :; fi
