case if in if) echo;; esac
case esac in (esac) ;; esac
