echo ${x:-w} ${x-w} ${x:=w} ${x=w} ${x:?msg} ${x?} ${x:?} ${x?two words} ${x:+alt} ${x+alt}
