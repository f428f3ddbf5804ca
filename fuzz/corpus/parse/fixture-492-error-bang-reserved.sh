! fi
