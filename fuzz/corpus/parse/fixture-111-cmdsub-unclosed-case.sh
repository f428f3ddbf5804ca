x=$(case a in a) echo; esac
