case x in a) ;; esac foo
