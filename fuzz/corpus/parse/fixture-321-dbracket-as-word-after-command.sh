echo [[ a ]] ]]
test [[
