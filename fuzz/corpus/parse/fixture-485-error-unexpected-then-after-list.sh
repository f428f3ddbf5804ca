true && then
