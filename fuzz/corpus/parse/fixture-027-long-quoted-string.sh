echo "lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua $x $(y) `z` ut enim ad minim veniam"
