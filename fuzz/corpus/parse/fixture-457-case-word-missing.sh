case in a) ;; esac
