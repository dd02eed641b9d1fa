namespace TracingLab.Contracts.Faults;

/// <summary>
/// Reads a kind's named parameters, the same for the option text (<c>latency:200ms:spike=1s/1%</c>, the first one may
/// go unnamed) and experiment files (<c>"parameters": { "delay": "200ms", "spike": "1s/1%" }</c>).
/// </summary>
internal static class FaultParameterReader
{
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(60);
    public const long MaxResetAfterBytes = 1L << 30;
    public const long MinBitsPerSecond = 1_000;
    public const long MaxBitsPerSecond = 100_000_000_000;

    private static readonly string DelayBounds = $"between 1ms and {FaultValues.FormatDuration(MaxDelay)}";

    /// <summary>The parameter names of <paramref name="kind"/>; the first is the one the option text may leave unnamed.</summary>
    public static IReadOnlyList<string> Names(FaultKind kind) => kind switch
    {
        FaultKind.Latency => ["delay", "spike"],
        FaultKind.Jitter => ["amplitude"],
        FaultKind.Loss => ["rate"],
        FaultKind.Blackhole => [],
        FaultKind.Reset => ["rate", "after"],
        FaultKind.Bandwidth => ["rate"],
        _ => [],
    };

    /// <summary>The parameters, or null with every problem added to <paramref name="errors"/> prefixed by <paramref name="where"/>.</summary>
    public static FaultParameters? Read(FaultKind kind, IReadOnlyList<KeyValuePair<string?, string>> given, string where, List<string> errors)
    {
        var before = errors.Count;
        var values = Name(kind, given, where, errors);
        void Fail(string message) => errors.Add($"{where}: {message}");

        FaultParameters? result = null;
        switch (kind)
        {
            case FaultKind.Latency:
                var (delay, spread) = Spread(Required(values, "delay", "200ms or 200ms~50ms", Fail), Fail);
                var (spike, spikePercent) = Spike(values.GetValueOrDefault("spike"), Fail);
                result = new LatencyFault(delay, spread, spike, spikePercent);
                break;
            case FaultKind.Jitter:
                result = new JitterFault(Delay("jitter amplitude", Required(values, "amplitude", "30ms", Fail), Fail));
                break;
            case FaultKind.Loss:
                result = new LossFault(Percent("loss rate", Required(values, "rate", "5%", Fail), Fail));
                break;
            case FaultKind.Blackhole:
                result = new BlackholeFault();
                break;
            case FaultKind.Reset:
                result = Reset(values, Fail);
                break;
            case FaultKind.Bandwidth:
                result = new BandwidthFault(Rate(Required(values, "rate", "1Mbit", Fail), Fail));
                break;
        }

        return errors.Count == before ? result : null;
    }

    private static Dictionary<string, string> Name(
        FaultKind kind, IReadOnlyList<KeyValuePair<string?, string>> given, string where, List<string> errors)
    {
        var names = Names(kind);
        var kindName = FaultKinds.Name(kind);
        var allowed = names.Count == 0 ? "none" : string.Join(", ", names);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < given.Count; i++)
        {
            var (name, value) = (given[i].Key, given[i].Value);
            if (name is null && (i > 0 || names.Count == 0))
            {
                errors.Add(names.Count == 0
                    ? $"{where}: {kindName} takes no parameters, got {FaultValues.Quote(value)}"
                    : $"{where}: {kindName} parameter {FaultValues.Quote(value)} has no name; only the first may go unnamed, the others are written name=value ({allowed})");
                continue;
            }

            name ??= names[0];
            if (!names.Contains(name, StringComparer.Ordinal))
            {
                errors.Add($"{where}: unknown {kindName} parameter {FaultValues.Quote(name)}; allowed: {allowed}");
            }
            else if (!values.TryAdd(name, value))
            {
                errors.Add($"{where}: {kindName} parameter '{name}' is given twice");
            }
        }

        return values;
    }

    private static string? Required(Dictionary<string, string> values, string name, string example, Action<string> fail)
    {
        if (values.TryGetValue(name, out var value))
        {
            return value;
        }

        fail($"'{name}' is required, e.g. {example}");
        return null;
    }

    private static (TimeSpan Delay, TimeSpan Spread) Spread(string? text, Action<string> fail)
    {
        if (text is null)
        {
            return default;
        }

        var parts = text.Split('~');
        var delay = Delay("latency delay", parts[0], fail);
        if (parts.Length == 1)
        {
            return (delay, TimeSpan.Zero);
        }

        var spread = parts.Length == 2 ? FaultValues.ParseDuration(parts[1]) : null;
        if (spread is null || spread.Value > delay)
        {
            fail($"latency spread in {FaultValues.Quote(text)} must be delay~spread with a spread of {FaultValues.DurationForm}, at most the delay");
            return default;
        }

        return (delay, spread.Value);
    }

    private static (TimeSpan Spike, double Percent) Spike(string? text, Action<string> fail)
    {
        if (text is null)
        {
            return (TimeSpan.Zero, 0);
        }

        var parts = text.Split('/');
        if (parts.Length != 2)
        {
            fail($"latency spike {FaultValues.Quote(text)} must be duration/share, e.g. spike=1s/1%");
            return default;
        }

        return (Delay("latency spike", parts[0], fail), Percent("latency spike share", parts[1], fail));
    }

    private static ResetFault? Reset(Dictionary<string, string> values, Action<string> fail)
    {
        var hasRate = values.TryGetValue("rate", out var rate);
        var hasAfter = values.TryGetValue("after", out var after);
        if (hasRate == hasAfter)
        {
            fail("reset takes either a rate (reset:10%) or a byte count (reset:after=64KiB), exactly one");
            return null;
        }

        if (hasRate)
        {
            return new ResetFault(Percent("reset rate", rate, fail), null);
        }

        var bytes = FaultValues.ParseBytes(after!);
        if (bytes is null or < 1 or > MaxResetAfterBytes)
        {
            fail($"reset after {FaultValues.Quote(after)} must be {FaultValues.BytesForm}, between 1B and 1GiB");
        }

        return new ResetFault(null, bytes);
    }

    private static TimeSpan Delay(string what, string? text, Action<string> fail)
    {
        if (text is null)
        {
            return default;
        }

        var value = FaultValues.ParseDuration(text);
        if (value is null || value < TimeSpan.FromMilliseconds(1) || value > MaxDelay)
        {
            fail($"{what} {FaultValues.Quote(text)} must be {FaultValues.DurationForm}, {DelayBounds}");
            return default;
        }

        return value.Value;
    }

    private static double Percent(string what, string? text, Action<string> fail)
    {
        if (text is null)
        {
            return default;
        }

        var value = FaultValues.ParsePercent(text);
        if (value is null)
        {
            fail($"{what} {FaultValues.Quote(text)} must be {FaultValues.PercentForm}");
        }

        return value ?? default;
    }

    private static long Rate(string? text, Action<string> fail)
    {
        if (text is null)
        {
            return default;
        }

        var value = FaultValues.ParseRate(text);
        if (value is null or < MinBitsPerSecond or > MaxBitsPerSecond)
        {
            fail($"bandwidth rate {FaultValues.Quote(text)} must be {FaultValues.RateForm}, between 1Kbit and 100Gbit");
        }

        return value ?? default;
    }
}
