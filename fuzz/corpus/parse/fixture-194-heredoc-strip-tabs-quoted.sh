	cat <<-'END'
	$x
		END
	END
