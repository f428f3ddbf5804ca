[[ -a f && -b f && -c f && -d f && -e f && -f f && -g f && -h f && -k f && -p f ]]
[[ -r f && -s f && -t 1 && -u f && -w f && -x f && -G f && -L f && -N f && -O f && -S f ]]
[[ -o errexit && -v var && -R ref && -z "" && -n x ]]
