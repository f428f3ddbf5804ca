for (( ;; ))

do break; done
