case x in a) echo;& esac
case x in a) echo;;& esac
case x in (a|b|c) ;; esac
