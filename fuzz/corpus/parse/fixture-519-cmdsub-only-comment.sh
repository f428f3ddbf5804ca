x=$(# only a comment
)
