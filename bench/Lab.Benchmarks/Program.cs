using TracingLab.Lab.Benchmarks;

// Whole-lab benchmark (issue 2, item 6). Table of contents:
//   1. options (BenchOptions.Parse: every flag validated, exit 2 on a bad one)
//   2. start-to-all-healthy of the built AppHost, repeated (StartupBenchmark)
//   3. /lab/hops load, traced vs OTEL_SDK_DISABLED=true, modes interleaved (LoadBenchmark)
//   4. --hop-floor instead: each hop beside a bare-Kestrel floor in one run, in this process and in its own (HopFloorBenchmark)
//   5. --warm-curve instead: latency and CPU per request of each lab process, slice by slice from a cold start
//   6. Markdown tables with medians and the goals (Report)
// Every AppHost started here is stopped (SIGINT, then SIGTERM, then the whole tree killed) before the next starts.
if (args is ["--serve-floor"])
{
    return await FloorProcess.ServeAsync(); // the own-process floor that --hop-floor starts
}

if (!BenchOptions.TryParse(args, out var options, out var error))
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // Let the finally blocks stop the AppHost instead of dying with it still running.
    e.Cancel = true;
    cancel.Cancel();
};

try
{
    Console.WriteLine(Report.Machine(options));
    if (options.WarmCurve)
    {
        Console.WriteLine(await WarmCurveBenchmark.RunAsync(options, cancel.Token));
        return 0;
    }

    if (options.HopFloor)
    {
        Console.WriteLine(await HopFloorBenchmark.RunAsync(options, cancel.Token));
        return 0;
    }

    var startup = await StartupBenchmark.RunAsync(options, cancel.Token);
    var load = await LoadBenchmark.RunAsync(options, cancel.Token);
    Console.WriteLine();
    Console.WriteLine(Report.Load(options, load));
    Console.WriteLine();
    Console.WriteLine(Report.Startup(options, startup));
    return load.Any(r => r.Errors > 0 || !r.TelemetryAsExpected) ? 1 : 0;
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    Console.Error.WriteLine("Interrupted; every AppHost started was stopped.");
    return 130;
}
catch (TracingLab.Testing.LabProcessStartException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
