case a b in x) ;; esac
