LC_ALL=C 2>/dev/null sort -u <in >out
