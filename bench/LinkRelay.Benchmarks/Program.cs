using TracingLab.LinkRelay.Benchmarks;

// Relay overhead in one run: the same small request/response over a direct loopback connection and through a
// peering, a tgw and a privatelink relay, interleaved round by round so every path sees the same machine load.
// Usage: dotnet run --project bench/LinkRelay.Benchmarks -c Release -- [--rounds 5000] [--warmup 1000] [--tgw-ms 1] [--privatelink-ms 0.4] (--help)
var parse = BenchOptions.Command().Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
    {
        Console.Error.WriteLine($"link relay bench: {error.Message}");
    }

    Console.Error.WriteLine("link relay bench: see --help.");
    return 2;
}

if (parse.Action is not null)
{
    return await parse.InvokeAsync(); // --help, --version
}

var options = BenchOptions.From(parse);
var results = await RelayBench.RunAsync(options);
Console.WriteLine(RelayBench.Render(options, results));
Console.WriteLine(await WaiterBench.RunAsync(options.TgwMs, Math.Min(options.Rounds, 2000)));
return results.Skip(1).All(r => r.AddedP50Us(results[0]) <= 50) ? 0 : 1;
