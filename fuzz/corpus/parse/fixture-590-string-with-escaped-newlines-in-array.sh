cmd=(
  docker run \
    --rm \
    -v "$PWD:/src" \
    image:tag
)
"${cmd[@]}"
