true; if true; then :; fi; while false; do :; done; { :; }; case x in esac; for i in; do :; done
