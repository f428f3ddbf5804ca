case x in esac
case x in
esac
