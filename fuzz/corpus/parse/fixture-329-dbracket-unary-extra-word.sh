[[ -z a b ]]
