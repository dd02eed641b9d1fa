using System.Diagnostics;
using TracingLab.Dashboard.Benchmarks;

// dotnet run -c Release --project bench/Dashboard.Benchmarks -- [ingest|detail|all] [seconds]
var what = args.Length > 0 ? args[0] : "all";
var seconds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10;
Console.WriteLine($"Dashboard benchmarks on {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd}");
var total = Stopwatch.StartNew();
if (what is "ingest" or "all")
{
    await IngestBenchmark.RunAsync(TimeSpan.FromSeconds(seconds));
}

if (what is "detail" or "all")
{
    await TraceDetailBenchmark.RunAsync(1_000_000);
}

Console.WriteLine($"done in {total.Elapsed.TotalSeconds:0.0} s");
