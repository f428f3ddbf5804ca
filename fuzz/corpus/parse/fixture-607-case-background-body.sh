case x in a) sleep 1 & ;; b) wait & esac
