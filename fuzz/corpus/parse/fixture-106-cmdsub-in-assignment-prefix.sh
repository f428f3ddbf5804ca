X=$(date) Y=`id` env
