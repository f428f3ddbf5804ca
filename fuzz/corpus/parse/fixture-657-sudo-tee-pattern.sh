echo "line" | sudo tee -a /etc/file >/dev/null
sudo sh -c 'echo x > /etc/y'
