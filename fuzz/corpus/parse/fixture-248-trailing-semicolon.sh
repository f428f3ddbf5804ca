a;
b &
