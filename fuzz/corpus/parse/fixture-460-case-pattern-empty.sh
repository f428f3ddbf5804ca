case x in ) ;; esac
