> out echo hi
2>/dev/null < in cmd arg
<in >out
