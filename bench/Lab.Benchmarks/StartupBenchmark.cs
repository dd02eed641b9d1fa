namespace TracingLab.Lab.Benchmarks;

/// <summary>AppHost start-to-all-healthy, from just before the process is spawned to the summary's third Healthy line.</summary>
internal static class StartupBenchmark
{
    public static async Task<IReadOnlyList<TimeSpan>> RunAsync(BenchOptions options, CancellationToken cancel)
    {
        var times = new List<TimeSpan>();
        for (var i = 1; i <= options.Startups; i++)
        {
            var host = await LoadBenchmark.StartLabAsync(options, traced: true, cancel);
            await host.DisposeAsync();
            times.Add(host.ToHealthy);
            Console.WriteLine($"start {i}/{options.Startups}: all healthy after {host.ToHealthy.TotalSeconds:F2} s (stopped by {host.StoppedBy})");
        }

        return times;
    }
}
