cat <<A; cat <<B
a body
A
b body
B
