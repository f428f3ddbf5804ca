a;

b


c
