echo foo()
