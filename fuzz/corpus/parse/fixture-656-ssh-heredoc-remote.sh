ssh host bash -s <<'REMOTE'
set -e
cd /srv/app && git pull
systemctl restart app
REMOTE
