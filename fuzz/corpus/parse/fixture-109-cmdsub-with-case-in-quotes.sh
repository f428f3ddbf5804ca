echo "$(case x in x) echo ok;; esac)"
