case x in(x);;esac
case x in x)echo;;y)echo y;;esac
