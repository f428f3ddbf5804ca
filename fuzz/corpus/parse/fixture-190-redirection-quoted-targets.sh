echo > "a b" 2> 'c d' < $'e\tf' >> "$(echo g)"
