echo hi
fi
