cat <<EOF
\$HOME is literal, \\ is one backslash, \` too
$HOME is expanded, "quotes" and 'quotes' are literal
EOF
