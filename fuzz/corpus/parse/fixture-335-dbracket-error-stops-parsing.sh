[[ a b ]]
fi
