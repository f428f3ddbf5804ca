echo $(if true; then echo y; fi) $(while false; do :; done) $(for i in 1; do echo $i; done)
echo $({ echo grp; }) $(function f { echo fn; }; f)
