echo &>
