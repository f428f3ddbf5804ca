case x in in) echo in;; esac
