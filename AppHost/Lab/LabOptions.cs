using TracingLab.AppHost.Links;
using TracingLab.Contracts.Faults;
using TracingLab.Contracts.Links;

namespace TracingLab.AppHost.Lab;

/// <summary>The AppHost's options (configuration Lab:* and the command line), parsed and checked.</summary>
public sealed record LabOptions
{
    /// <summary>The links enabled locally, in the order given (the first is each caller's default).</summary>
    public IReadOnlyList<string> Links { get; init; } = LinkNames.All;

    /// <summary>Every endpoint on a free ephemeral port instead of the stable defaults.</summary>
    public bool RandomPorts { get; init; }

    /// <summary>The first restart delay after a crash; it doubles per consecutive crash, up to 30 s.</summary>
    public TimeSpan RestartBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Latency profiles read from --link-profiles, or null for the defaults next to the AppHost (links.json).</summary>
    public LinkProfileSet? LinkProfiles { get; init; }

    /// <summary>Added one-way delay per link from --link-delay, in milliseconds, replacing the profile's.</summary>
    public IReadOnlyDictionary<string, double> LinkDelays { get; init; } = new Dictionary<string, double>();

    /// <summary>Jitter per link from --link-jitter, in milliseconds, replacing the profile's.</summary>
    public IReadOnlyDictionary<string, double> LinkJitters { get; init; } = new Dictionary<string, double>();

    /// <summary>Faults on the links from the start (--link-faults), until cleared from the dashboard.</summary>
    public IReadOnlyList<LinkFault> LinkFaults { get; init; } = [];

    /// <summary>The experiment whose timeline of faults runs once the lab is ready (--experiment), or null.</summary>
    public Experiment? Experiment { get; init; }
}
