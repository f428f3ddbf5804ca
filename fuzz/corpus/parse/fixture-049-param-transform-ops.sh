echo ${x@Q} ${x@E} ${x@P} ${x@A} ${x@a} ${x@U} ${x@u} ${x@L} ${x@K} ${x@k}
echo ${arr[@]@Q} "${@@Q}" ${!x@} ${x[0]@A}
