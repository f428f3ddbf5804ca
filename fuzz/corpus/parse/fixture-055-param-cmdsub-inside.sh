echo ${x:-$(echo })} ${x:-`echo hi`} ${x:-$(( 1 + 2 ))} ${x:-$(echo "${y:-z}")}
