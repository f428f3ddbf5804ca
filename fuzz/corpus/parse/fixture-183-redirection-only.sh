> file
< file
>> file 2>&1
