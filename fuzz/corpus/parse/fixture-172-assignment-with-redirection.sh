x=1 >out
>out y=2
