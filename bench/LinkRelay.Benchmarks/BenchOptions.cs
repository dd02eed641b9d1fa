using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace TracingLab.LinkRelay.Benchmarks;

/// <summary>The benchmark's flags, on System.CommandLine; a bad value names the flag, the value and the range.</summary>
internal sealed record BenchOptions(int Rounds, int Warmup, double TgwMs, double PrivateLinkMs, int Size)
{
    private static readonly Option<double> RoundsOption = Number("--rounds", 5000, 1, 1_000_000, "measured round trips per path", whole: true);
    private static readonly Option<double> WarmupOption = Number("--warmup", 1000, 0, 1_000_000, "unmeasured round trips first", whole: true);
    private static readonly Option<double> TgwOption = Number("--tgw-ms", 1, 0, 1000, "the tgw relay's one-way delay, ms");
    private static readonly Option<double> PrivateLinkOption = Number("--privatelink-ms", 0.4, 0, 1000, "the privatelink relay's one-way delay, ms");
    private static readonly Option<double> SizeOption = Number("--size", 64, 1, 1_048_576, "request and response size, bytes", whole: true);

    public static RootCommand Command() => new(
        "Relay overhead: the same request/response over a direct loopback connection and through each link relay.\n"
        + "dotnet run --project bench/LinkRelay.Benchmarks -c Release -- [options]. Exit codes: 0 ok, 1 a relay adds more than 50 µs at p50, 2 a bad flag.")
    {
        RoundsOption, WarmupOption, TgwOption, PrivateLinkOption, SizeOption,
    };

    public static BenchOptions From(ParseResult result) => new(
        (int)result.GetValue(RoundsOption), (int)result.GetValue(WarmupOption), result.GetValue(TgwOption), result.GetValue(PrivateLinkOption), (int)result.GetValue(SizeOption));

    private static Option<double> Number(string name, double fallback, double min, double max, string description, bool whole = false)
    {
        var c = CultureInfo.InvariantCulture;
        var allowed = string.Create(c, $"allowed: {(whole ? "a whole number" : "a number")} from {min} to {max}");
        return new Option<double>(name)
        {
            Description = description,
            HelpName = "n",
            DefaultValueFactory = _ => fallback,
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                var shown = text.Length <= 200 ? $"'{text}'" : $"'{text[..200]}…' ({text.Length} characters)";
                if (!double.TryParse(text, NumberStyles.Float, c, out var value) || !double.IsFinite(value) || (whole && value != Math.Floor(value)))
                {
                    result.AddError($"{name}: {shown} is not {(whole ? "a whole number" : "a number")}; {allowed}.");
                }
                else if (value < min || value > max)
                {
                    result.AddError($"{name}: {shown} is out of range; {allowed}.");
                }

                return value;
            },
        };
    }
}
