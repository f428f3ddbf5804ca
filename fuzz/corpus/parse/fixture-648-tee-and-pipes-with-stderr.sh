make 2>&1 | tee build.log | grep -i error
cmd |& tee log
