foo ( )
