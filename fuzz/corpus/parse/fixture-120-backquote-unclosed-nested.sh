echo `echo \`echo x`
