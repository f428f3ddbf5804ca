f() echo hi
