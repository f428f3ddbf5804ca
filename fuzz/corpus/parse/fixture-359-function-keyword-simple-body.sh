function f echo
