Console.Error.WriteLine("relay benchmark: not implemented yet");
return 2;
