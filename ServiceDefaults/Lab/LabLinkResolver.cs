using Microsoft.Extensions.Configuration;

namespace TracingLab.ServiceDefaults.Lab;

/// <summary>
/// Knows which links reach each provider. Every enabled link is a named endpoint of the provider in Aspire-format
/// service discovery (<c>services__serviceb__peering__0=http://…</c>) and is called as <c>http://_peering.serviceb</c>.
/// <c>Lab:Links</c> (comma-separated) orders the links; the first enabled one is the default.
/// </summary>
public sealed class LabLinkResolver(IConfiguration configuration)
{
    /// <summary>The links that reach <paramref name="provider"/>, in the configured order; <c>direct</c> if none.</summary>
    public IReadOnlyList<string> EnabledLinks(string provider)
    {
        var endpoints = configuration.GetSection($"services:{provider}").GetChildren().Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        var order = (configuration["Lab:Links"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(LabLinks.All)
            .Distinct(StringComparer.Ordinal);
        var links = order.Where(l => LabLinks.IsKnown(l) && endpoints.Contains(l)).ToList();
        return links.Count > 0 ? links : [LabLinks.Direct];
    }

    /// <summary>Resolves the link to use for <paramref name="provider"/>: <paramref name="via"/> if given, else the default.</summary>
    public LinkChoice Choose(string provider, string? via)
    {
        var enabled = EnabledLinks(provider);
        var link = string.IsNullOrWhiteSpace(via) ? enabled[0] : via.Trim();
        if (!enabled.Contains(link, StringComparer.Ordinal))
        {
            var known = LabLinks.IsKnown(link) ? "is not enabled" : "is not a link";
            return LinkChoice.Refused(link, $"'{link}' {known} for {provider}; enabled links: {string.Join(", ", enabled)}.", enabled);
        }

        var address = link == LabLinks.Direct ? new Uri($"http://{provider}") : new Uri($"http://_{link}.{provider}");
        return LinkChoice.Accepted(link, address, enabled);
    }
}
