cat < <(ls) > >(cat) 2> >(cat >&2)
