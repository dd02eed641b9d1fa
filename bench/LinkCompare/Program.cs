Console.Error.WriteLine("link compare: not implemented yet");
return 2;
