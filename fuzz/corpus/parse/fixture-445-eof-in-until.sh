until
