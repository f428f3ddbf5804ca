x=$(case a in a) echo 1 ;& b) echo 2 ;;& *) echo 3 ;; esac)
