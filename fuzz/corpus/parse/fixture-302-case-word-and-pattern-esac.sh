case esac in esac) ;; esac
