eval x=(a b)
let y=(1)
alias z=(c)
export w=(d)
