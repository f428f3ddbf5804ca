if (true); then (false); fi
