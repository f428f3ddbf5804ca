echo *(a)
