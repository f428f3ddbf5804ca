echo *(a)
