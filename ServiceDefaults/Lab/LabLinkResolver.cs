using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;
using TracingLab.Contracts.Links;
using TracingLab.Contracts.Text;

namespace TracingLab.ServiceDefaults.Lab;

/// <summary>
/// Knows which links reach each provider. Every enabled link is a named endpoint of the provider in Aspire-format
/// service discovery (<c>services__serviceb__peering__0=http://…</c>) and is called as <c>http://_peering.serviceb</c>.
/// <c>Lab:Links</c> (comma-separated) orders the links; the first enabled one is the default.
/// </summary>
/// <remarks>
/// Every request chooses a link, and reading the links from configuration walks every key of every provider (tens of
/// microseconds with a service's environment, docs/benchmarks.md). The answer per provider is kept until configuration
/// reloads.
/// </remarks>
public sealed class LabLinkResolver
{
    private readonly IConfiguration _configuration;
    private ConcurrentDictionary<string, ProviderLinks> _providers = new(StringComparer.Ordinal);

    /// <summary>Reads the links from <paramref name="configuration"/>, again whenever it reloads.</summary>
    public LabLinkResolver(IConfiguration configuration)
    {
        _configuration = configuration ?? throw new ArgumentNullException(nameof(configuration));
        ChangeToken.OnChange(configuration.GetReloadToken, () => _providers = new(StringComparer.Ordinal));
    }

    /// <summary>The links that reach <paramref name="provider"/>, in the configured order; <c>direct</c> if none.</summary>
    public IReadOnlyList<string> EnabledLinks(string provider) => For(provider).Enabled;

    /// <summary>Resolves the link to use for <paramref name="provider"/>: <paramref name="via"/> if given, else the default.</summary>
    public LinkChoice Choose(string provider, string? via)
    {
        var links = For(provider);
        var link = string.IsNullOrWhiteSpace(via) ? links.Enabled[0] : via.Trim();
        if (links.Accepted.TryGetValue(link, out var choice))
        {
            return choice;
        }

        var known = LinkNames.IsKnown(link) ? "is not enabled" : "is not a link";
        return LinkChoice.Refused(link, $"{Quoted.Value(link)} {known} for {provider}; enabled links: {string.Join(", ", links.Enabled)}.", links.Enabled);
    }

    private ProviderLinks For(string provider) => _providers.GetOrAdd(provider, Read, _configuration);

    private static ProviderLinks Read(string provider, IConfiguration configuration)
    {
        var endpoints = configuration.GetSection($"services:{provider}").GetChildren().Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        var order = (configuration["Lab:Links"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(LinkNames.All)
            .Distinct(StringComparer.Ordinal);
        var links = order.Where(l => LinkNames.IsKnown(l) && endpoints.Contains(l)).ToList();
        IReadOnlyList<string> enabled = links.Count > 0 ? links : [LinkChoice.Direct];
        var accepted = enabled.ToDictionary(
            l => l,
            l => LinkChoice.Accepted(l, l == LinkChoice.Direct ? new Uri($"http://{provider}") : new Uri($"http://_{l}.{provider}"), enabled),
            StringComparer.Ordinal);
        return new ProviderLinks(enabled, accepted);
    }

    private sealed record ProviderLinks(IReadOnlyList<string> Enabled, IReadOnlyDictionary<string, LinkChoice> Accepted);
}
