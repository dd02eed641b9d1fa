using System.Diagnostics.CodeAnalysis;
using Aspire.Hosting;
using TracingLab.AppHost.Links;

namespace TracingLab.AppHost.Lab;

/// <summary>What the AppHost's wiring shares: the checked options, the link profiles, the ports and who is ready.</summary>
public sealed class LocalLab
{
    private LocalLab(LabOptions options, LinkProfileSet profiles)
    {
        Options = options;
        Profiles = profiles;
        Ports = new LabPorts(options.RandomPorts);
    }

    /// <summary>The options from configuration and the command line.</summary>
    public LabOptions Options { get; }

    /// <summary>The links' latency profiles before --link-delay/--link-jitter.</summary>
    public LinkProfileSet Profiles { get; }

    /// <summary>Stable or ephemeral ports.</summary>
    public LabPorts Ports { get; }

    /// <summary>The lab resources that report "ready at" lines.</summary>
    public LabReadiness Readiness { get; } = new();

    /// <summary>
    /// Reads and checks the options (<paramref name="args"/> over <c>Lab:*</c> configuration), loads the link profiles
    /// and pins the Aspire dashboard's ports; <paramref name="error"/> names the flag or key, the value and what is allowed.
    /// </summary>
    public static bool TryCreate(
        IDistributedApplicationBuilder builder, string[] args, [NotNullWhen(true)] out LocalLab? lab, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(builder);
        lab = null;
        if (!LabArguments.TryRead(args, builder.Configuration, out var options, out error)
            || !LabArguments.TryLoadProfiles(options, out var profiles, out error))
        {
            return false;
        }

        var local = new LocalLab(options, profiles);
        try
        {
            builder.ConfigureAspireDashboard(local.Ports);
        }
        catch (LabStartException e)
        {
            error = e.Message;
            return false;
        }

        lab = local;
        return true;
    }
}
