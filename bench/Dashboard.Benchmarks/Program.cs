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

if (what is "steady")
{
    // Memory must stay flat once the per-resource bounds are reached, however much is ingested.
    var store = new TracingLab.Dashboard.Store.TelemetryStore(new TracingLab.Dashboard.Store.TelemetryLimits());
    long ingested = 0;
    for (var round = 1; round <= 8; round++)
    {
        for (var batch = 0; batch < 4; batch++)
        {
            foreach (var request in LabSpans.Requests(64, 512, seed: (round * 10) + batch))
            {
                ingested += store.AddTraces(request).Accepted;
            }
        }

        GC.Collect(2, GCCollectionMode.Forced, true, true);
        Console.WriteLine($"after {ingested:#,0} spans ingested: {store.SpanCount:#,0} held, heap {GC.GetTotalMemory(true) / 1048576.0:0} MiB");
    }
}

if (what is "detail" or "all")
{
    await TraceDetailBenchmark.RunAsync(1_000_000);
}

Console.WriteLine($"done in {total.Elapsed.TotalSeconds:0.0} s");
