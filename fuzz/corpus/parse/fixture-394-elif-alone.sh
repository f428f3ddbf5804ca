elif true
