using System.Globalization;
using System.Net;
using System.Text;
using HdrHistogram;
using TracingLab.Relay;
using TracingLab.Contracts.Links;

namespace TracingLab.LinkRelay.Benchmarks;

/// <summary>Runs the paths round-robin and summarises each with an HdrHistogram.</summary>
internal static class RelayBench
{
    public static async Task<IReadOnlyList<PathResult>> RunAsync(BenchOptions options)
    {
        using var echo = new EchoServer(options.Size);
        using var holding = new EchoServer(options.Size, holdMs: 2 * options.TgwMs);
        var nlb = IPAddress.Parse("127.0.1.2");
        TcpRelay Relay(string link, double ms) =>
            TcpRelay.Start(RelaySpec.For(link, "servicea", "serviceb", echo.EndPoint, new LinkProfile(ms, 0, "benchmark"), nlb));

        await using var peering = Relay(LinkNames.Peering, 0);
        await using var tgw = Relay(LinkNames.Tgw, options.TgwMs);
        await using var privateLink = Relay(LinkNames.PrivateLink, options.PrivateLinkMs);
        (string Name, IPEndPoint Target, double OneWayMs)[] paths =
        [
            ("direct", echo.EndPoint, 0),
            ($"control: direct, server holds {Ms(2 * options.TgwMs)} ms", holding.EndPoint, options.TgwMs),
            ("peering relay", peering.ListenEndPoint, 0),
            ($"tgw relay ({Ms(options.TgwMs)} ms)", tgw.ListenEndPoint, options.TgwMs),
            ($"privatelink relay ({Ms(options.PrivateLinkMs)} ms)", privateLink.ListenEndPoint, options.PrivateLinkMs),
        ];

        var trips = new List<RoundTrip>();
        foreach (var path in paths)
        {
            trips.Add(await RoundTrip.ConnectAsync(path.Target, options.Size));
        }

        try
        {
            var histograms = paths.Select(_ => new LongHistogram(10_000_000_000, 3)).ToArray();
            var order = Enumerable.Range(0, paths.Length).ToArray();
            var shuffle = new Random(7);
            for (var round = -options.Warmup; round < options.Rounds; round++)
            {
                // A fresh order every round: what a path costs depends on what ran just before it (a path after the
                // 2 ms control starts on a sleeping machine), and a rotation would put each path after the same one
                // every round.
                shuffle.Shuffle(order);
                foreach (var i in order)
                {
                    var ns = await trips[i].TimeAsync();
                    if (round >= 0)
                    {
                        histograms[i].RecordValue(ns);
                    }
                }
            }

            return [.. paths.Select((p, i) => new PathResult(p.Name, p.OneWayMs, histograms[i]))];
        }
        finally
        {
            trips.ForEach(t => t.Dispose());
        }
    }

    public static string Render(BenchOptions options, IReadOnlyList<PathResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{options.Rounds} round trips of {options.Size} B each way per path, interleaved, after {options.Warmup} warm-up rounds; {Environment.ProcessorCount} cores, {Environment.OSVersion}.");
        text.AppendLine();
        text.AppendLine("| path | p50 µs | p90 µs | p99 µs | max µs | configured RTT delay µs | added p50 beyond the configured delay µs |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in results)
        {
            var added = r == results[0] ? "—" : Us(r.AddedP50Us(results[0]));
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Name} | {Us(r.PercentileUs(50))} | {Us(r.PercentileUs(90))} | {Us(r.PercentileUs(99))} | {Us(r.Histogram.GetMaxValue() / 1000.0)} | {Us(r.OneWayMs * 2000)} | {added} |");
        }

        return text.ToString();
    }

    private static string Ms(double ms) => ms.ToString(CultureInfo.InvariantCulture);

    private static string Us(double us) => us.ToString("0.0", CultureInfo.InvariantCulture);
}

/// <summary>One path's round trips.</summary>
internal sealed record PathResult(string Name, double OneWayMs, LongHistogram Histogram)
{
    public double PercentileUs(double percentile) => Histogram.GetValueAtPercentile(percentile) / 1000.0;

    /// <summary>p50 minus the direct path's p50 minus the configured delay of both directions.</summary>
    public double AddedP50Us(PathResult direct) => PercentileUs(50) - direct.PercentileUs(50) - OneWayMs * 2000;
}
