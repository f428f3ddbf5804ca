{ echo }; }
echo } {
