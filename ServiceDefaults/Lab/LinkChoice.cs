namespace TracingLab.ServiceDefaults.Lab;

/// <summary>The outcome of choosing a link: the base address to call, or why the requested link can't be used.</summary>
public sealed record LinkChoice(string Link, Uri? BaseAddress, string? Error, IReadOnlyList<string> EnabledLinks)
{
    /// <summary>No link: the provider's plain <c>http</c> endpoint, as a stock Aspire AppHost injects it.</summary>
    public const string Direct = "direct";

    /// <summary>True when <see cref="BaseAddress"/> can be called.</summary>
    public bool IsAccepted => BaseAddress is not null;

    internal static LinkChoice Accepted(string link, Uri address, IReadOnlyList<string> enabled) => new(link, address, null, enabled);

    internal static LinkChoice Refused(string link, string error, IReadOnlyList<string> enabled) => new(link, null, error, enabled);
}
