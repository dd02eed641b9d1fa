using TracingLab.LinkCompare.Tool;

// The link-comparison load generator; see --help and docs/link-compare.md.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

try
{
    return await CompareCommand.RunAsync(args, Console.Out, Console.Error, ct: cancel.Token);
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    Console.Error.WriteLine("link compare: cancelled.");
    return 130;
}
