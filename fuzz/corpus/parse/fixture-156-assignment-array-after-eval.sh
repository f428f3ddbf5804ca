eval x=(a b)
