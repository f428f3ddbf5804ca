echo !$ !! !-1 !foo ^a^b
