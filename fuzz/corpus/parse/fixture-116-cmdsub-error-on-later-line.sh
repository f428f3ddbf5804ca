x=$(
echo ok
done
)
