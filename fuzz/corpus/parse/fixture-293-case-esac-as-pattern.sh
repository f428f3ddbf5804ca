case x in esac) echo e;; esac
