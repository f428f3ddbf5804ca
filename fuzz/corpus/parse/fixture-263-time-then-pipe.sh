time | a
