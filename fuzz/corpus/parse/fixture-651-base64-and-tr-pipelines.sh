echo "$secret" | base64 -d | tr -d '\n' | sha256sum | cut -d' ' -f1
