namespace TracingLab.Lab.Benchmarks;

/// <summary>One start of the lab on Aspire and of the floor, measured in the same round.</summary>
/// <param name="ToHealthy">From just before the AppHost is spawned to its third service's "ready at" line.</param>
/// <param name="ToGone">From SIGTERM to no process of the lab left (AppHost, DCP, dashboard, services).</param>
/// <param name="Floor">The three built services started directly, in parallel, to all three /health answering 200.</param>
/// <param name="Left">Processes still running when the stop timed out.</param>
internal sealed record StartupResult(TimeSpan ToHealthy, TimeSpan ToGone, TimeSpan Floor, int Left);

/// <summary>
/// Start → all three services healthy on Aspire, side by side with the floor on this machine (the same built services
/// started directly in parallel), and stop → nothing left. Rounds alternate the two so drift hits both alike.
/// </summary>
internal static class StartupBenchmark
{
    public static async Task<IReadOnlyList<StartupResult>> RunAsync(BenchOptions options, CancellationToken cancel)
    {
        var results = new List<StartupResult>();
        for (var i = 1; i <= options.Startups; i++)
        {
            var floor = await FloorBenchmark.StartAllAsync(options.AppHost, options.StartTimeout, cancel);
            var host = await LoadBenchmark.StartLabAsync(options, traced: true, cancel);
            var (gone, left) = await host.StopAndMeasureAsync(TimeSpan.FromSeconds(60));
            await host.DisposeAsync();
            results.Add(new StartupResult(host.ToHealthy, gone, floor, left.Count));
            Console.WriteLine(
                $"start {i}/{options.Startups}: Aspire all healthy after {host.ToHealthy.TotalSeconds:F2} s, floor {floor.TotalSeconds:F2} s; " +
                $"SIGTERM → nothing left {gone.TotalSeconds:F2} s{(left.Count > 0 ? $" ({left.Count} processes LEFT)" : "")}");
        }

        return results;
    }
}
