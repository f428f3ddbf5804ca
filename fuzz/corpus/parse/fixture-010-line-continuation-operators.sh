true &\
& echo and |\
| echo or
echo a >\
> /dev/null
