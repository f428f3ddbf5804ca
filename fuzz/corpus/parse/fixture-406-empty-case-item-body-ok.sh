case x in x) esac
