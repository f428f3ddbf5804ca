for i in do done if then fi in for; do echo "$i"; done
