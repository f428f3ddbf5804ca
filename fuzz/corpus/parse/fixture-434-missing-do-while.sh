while true; echo; done
