echo ${x^} ${x^^} ${x,} ${x,,} ${x^^[aeiou]} ${x,pat} ${x~} ${x~~} ${arr[@]^^}
