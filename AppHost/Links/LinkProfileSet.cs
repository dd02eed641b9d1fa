using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using TracingLab.Contracts.Links;
using TracingLab.Relay;

namespace TracingLab.AppHost.Links;

/// <summary>
/// The latency profile of every link, read from a JSON file (the defaults are <c>AppHost/links.json</c>, copied next to
/// the AppHost) and optionally overridden per link from the command line.
/// </summary>
public sealed class LinkProfileSet
{
    /// <summary>The defaults' file name, next to the AppHost's assembly.</summary>
    public const string DefaultFileName = "links.json";

    private LinkProfileSet(IReadOnlyDictionary<string, LinkProfile> profiles, string origin)
    {
        Profiles = profiles;
        Origin = origin;
    }

    /// <summary>One profile per link.</summary>
    public IReadOnlyDictionary<string, LinkProfile> Profiles { get; }

    /// <summary>The file the profiles were read from.</summary>
    public string Origin { get; }

    /// <summary>The profile of <paramref name="link"/>.</summary>
    public LinkProfile this[string link] => Profiles[link];

    /// <summary>The defaults shipped with the AppHost.</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, DefaultFileName);

    /// <summary>Reads and checks <paramref name="path"/>; on failure <paramref name="error"/> says what is wrong, where.</summary>
    public static bool TryLoad(string path, [NotNullWhen(true)] out LinkProfileSet? set, [NotNullWhen(false)] out string? error)
    {
        set = null;
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error = $"cannot be read ({e.Message})";
            return false;
        }

        return TryParse(json, path, out set, out error);
    }

    /// <summary>Parses profile JSON; <paramref name="origin"/> names it in errors and snapshots.</summary>
    public static bool TryParse(string json, string origin, [NotNullWhen(true)] out LinkProfileSet? set, [NotNullWhen(false)] out string? error)
    {
        set = null;
        ProfileFile? file;
        try
        {
            file = JsonSerializer.Deserialize(json, LinkProfileJson.Default.ProfileFile);
        }
        catch (JsonException e)
        {
            error = $"is not valid profile JSON ({e.Message})";
            return false;
        }

        if (file?.Profiles is null)
        {
            error = "has no \"profiles\" object; expected {\"profiles\": {\"tgw\": {\"delayMs\": 0.05, \"jitterMs\": 0.02, \"source\": \"...\"}, ...}}";
            return false;
        }

        var profiles = new Dictionary<string, LinkProfile>(StringComparer.Ordinal);
        foreach (var link in LinkNames.All)
        {
            if (!file.Profiles.TryGetValue(link, out var entry) || entry is null)
            {
                error = $"has no profile for '{link}'; every link needs one ({LinkNames.Allowed})";
                return false;
            }

            if (!InRange(entry.DelayMs) || !InRange(entry.JitterMs))
            {
                error = $"gives '{link}' delayMs {Format(entry.DelayMs)} and jitterMs {Format(entry.JitterMs)}; allowed: 0 to {Format(LinkProfile.MaxMs)} ms each";
                return false;
            }

            if (string.IsNullOrWhiteSpace(entry.Source))
            {
                error = $"gives '{link}' no \"source\"; say where the figures come from, or why they are an assumption";
                return false;
            }

            profiles[link] = new LinkProfile(entry.DelayMs, entry.JitterMs, entry.Source);
        }

        var unknown = file.Profiles.Keys.FirstOrDefault(k => !LinkNames.All.Contains(k, StringComparer.Ordinal));
        if (unknown is not null)
        {
            error = $"has a profile for '{unknown}'; allowed links: {LinkNames.Allowed}";
            return false;
        }

        set = new LinkProfileSet(profiles, origin);
        error = null;
        return true;
    }

    /// <summary>A copy with <paramref name="delays"/> and <paramref name="jitters"/> (ms per link) replacing the file's figures.</summary>
    public LinkProfileSet With(IReadOnlyDictionary<string, double> delays, IReadOnlyDictionary<string, double> jitters)
    {
        ArgumentNullException.ThrowIfNull(delays);
        ArgumentNullException.ThrowIfNull(jitters);
        var profiles = Profiles.ToDictionary(
            p => p.Key,
            p =>
            {
                var overridden = delays.ContainsKey(p.Key) || jitters.ContainsKey(p.Key);
                return p.Value with
                {
                    DelayMs = delays.GetValueOrDefault(p.Key, p.Value.DelayMs),
                    JitterMs = jitters.GetValueOrDefault(p.Key, p.Value.JitterMs),
                    Source = overridden ? "set on the command line (--link-delay/--link-jitter); file default: " + p.Value.Source : p.Value.Source,
                };
            },
            StringComparer.Ordinal);
        return new LinkProfileSet(profiles, Origin);
    }

    internal static bool InRange(double ms) => double.IsFinite(ms) && ms is >= 0 and <= LinkProfile.MaxMs;

    /// <summary>Reads a delay or jitter in milliseconds (invariant culture) and checks it is in range.</summary>
    internal static bool TryParseMs(string? text, out double ms) =>
        double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out ms) && InRange(ms);

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);

    internal sealed class ProfileFile
    {
        public Dictionary<string, ProfileEntry?>? Profiles { get; set; }
    }

    internal sealed class ProfileEntry
    {
        public double DelayMs { get; set; }

        public double JitterMs { get; set; }

        public string? Source { get; set; }
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(LinkProfileSet.ProfileFile))]
internal sealed partial class LinkProfileJson : JsonSerializerContext;
