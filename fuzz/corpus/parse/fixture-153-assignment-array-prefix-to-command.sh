a=(1 2) cmd
