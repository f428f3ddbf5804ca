echo $"abc
