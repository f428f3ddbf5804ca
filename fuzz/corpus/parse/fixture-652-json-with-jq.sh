jq -r '.items[] | select(.kind == "Pod") | "\(.metadata.name)\t\(.status.phase)"' <<<"$json"
jq --arg n "$name" '.[$n] // empty' file.json
