case x in
  # comment before pattern
  a) # after pattern
    echo a # in body
    ;; # after terminator
  # comment before esac
esac
