case x in |a) ;; esac
