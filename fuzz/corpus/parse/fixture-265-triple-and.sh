a &&& b
