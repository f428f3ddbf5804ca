	cat <<-EOF
	  tab then spaces
  	spaces then tab
		EOF
