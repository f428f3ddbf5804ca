echo ${var,,*} ${var^^?} ${arr[*]~}
