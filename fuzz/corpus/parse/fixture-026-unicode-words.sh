echo héllo wörld 日本語 "ünïcode" 'ÿ'
naïve=1
