case a in
  a) case b in
       b) echo ab;;
     esac;;
esac
