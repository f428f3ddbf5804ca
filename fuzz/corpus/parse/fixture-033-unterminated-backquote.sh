echo `date
