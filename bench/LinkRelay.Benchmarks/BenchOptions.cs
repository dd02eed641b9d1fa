using System.Globalization;

namespace TracingLab.LinkRelay.Benchmarks;

/// <summary>The benchmark's flags.</summary>
internal sealed record BenchOptions(int Rounds, int Warmup, double TgwMs, double PrivateLinkMs, int Size)
{
    public static BenchOptions? Parse(string[] args)
    {
        var options = new BenchOptions(5000, 1000, 1, 0.4, 64);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0)
            {
                return null;
            }

            options = args[i] switch
            {
                "--rounds" => options with { Rounds = (int)value },
                "--warmup" => options with { Warmup = (int)value },
                "--tgw-ms" => options with { TgwMs = value },
                "--privatelink-ms" => options with { PrivateLinkMs = value },
                "--size" => options with { Size = Math.Max(1, (int)value) },
                _ => null,
            };
            if (options is null)
            {
                return null;
            }
        }

        return args.Length % 2 == 0 ? options : null;
    }
}
