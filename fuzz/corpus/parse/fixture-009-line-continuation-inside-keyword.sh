i\
f true; th\
en echo yes; f\
i
