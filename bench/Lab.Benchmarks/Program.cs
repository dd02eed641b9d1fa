using System.CommandLine.Help;
using TracingLab.Lab.Benchmarks;

// Whole-lab benchmark. Table of contents:
//   1. options (BenchCommand, System.CommandLine: --help, one validator per option, exit 2 on a bad one)
//   2. default: start-to-all-healthy of the built AppHost, repeated (StartupBenchmark), then /lab/hops load traced vs
//      OTEL_SDK_DISABLED=true, modes interleaved (LoadBenchmark)
//   3. --hop-floor: each hop beside a bare-Kestrel floor in one run, in this process and in its own (HopFloorBenchmark)
//   4. --warm-curve: latency and CPU per request of each lab process, slice by slice from a cold start
//   5. --soak: open-loop /lab/hops over every link for minutes, with a crash and a link switched off (SoakBenchmark)
//   6. --floors: the lab's start and stop beside Aspire's own floors, interleaved (FloorsBenchmark)
//   7. --tracing-split: the services' own tracing cost (drop sink) apart from the Aspire dashboard's ingest
//   8. Markdown tables with medians and the goals (Report)
// Every AppHost started here is stopped (SIGINT, then SIGTERM, then the whole tree killed) before the next starts.
if (args is ["--serve-floor"])
{
    return await FloorProcess.ServeAsync(); // the own-process floor that --hop-floor starts
}

var parse = BenchCommand.Create().Parse(args);
if (parse.Action is HelpAction)
{
    return await parse.InvokeAsync();
}

if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
    {
        Console.Error.WriteLine(error.Message);
    }

    Console.Error.WriteLine("See --help for every option and what it allows.");
    return BenchCommand.UsageError;
}

var options = BenchCommand.Read(parse);
if (BenchCommand.MissingAppHost(options) is { } missing)
{
    Console.Error.WriteLine(missing);
    return BenchCommand.UsageError;
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

    if (options.Soak)
    {
        var soak = await SoakBenchmark.RunAsync(options, cancel.Token);
        Console.WriteLine();
        Console.WriteLine(soak.Render());
        Console.WriteLine($"load average at the end: {LabProcesses.LoadAverage()}");
        return soak.Holds ? 0 : 1;
    }

    if (options.Floors)
    {
        var runs = await FloorsBenchmark.RunAsync(options, cancel.Token);
        Console.WriteLine();
        Console.WriteLine(FloorsBenchmark.Render(options, runs));
        Console.WriteLine($"load average at the end: {LabProcesses.LoadAverage()}");
        return 0;
    }

    if (options.TracingSplit)
    {
        var split = await TracingSplitBenchmark.RunAsync(options, cancel.Token);
        Console.WriteLine();
        Console.WriteLine(TracingSplitBenchmark.Render(options, split));
        Console.WriteLine($"load average at the end: {LabProcesses.LoadAverage()}");
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
