case x in a) echo a
esac
case x in a) echo a; esac
case x in (a) esac
