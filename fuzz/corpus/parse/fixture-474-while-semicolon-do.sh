while ; do :; done
