echo &| x
