function f
{
  :
}
g()
{
  :
}
h()

{ :; }
