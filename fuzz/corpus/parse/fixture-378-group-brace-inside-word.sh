echo a{ }b x}y {x
