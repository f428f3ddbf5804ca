echo ÿþ café "€" 'Ã'
x=ÿ
