using TracingLab.Contracts.Links;

namespace TracingLab.Contracts.Faults;

/// <summary>
/// The option text of faults, as <c>--link-faults</c> and configuration <c>Lab:LinkFaults</c> take it:
/// <c>tgw=blackhole,peering=latency:200ms~50ms@response,privatelink=loss:5%</c>. Grammar (docs/faults-grammar.md):
/// <c>fault ("," fault)*</c>, <c>fault = link "=" kind (":" [name "="] value)* ["@" direction]</c>.
/// </summary>
public static class LinkFaults
{
    /// <summary>The AppHost option that takes the text.</summary>
    public const string OptionName = "--link-faults";

    /// <summary>The configuration key that takes the same text.</summary>
    public const string ConfigurationKey = "Lab:LinkFaults";

    /// <summary>The faults in <paramref name="text"/>; empty for null or blank text.</summary>
    /// <exception cref="FaultSpecException">Every problem in the text; nothing is returned in part.</exception>
    public static IReadOnlyList<LinkFault> Parse(string? text) =>
        TryParse(text, out var faults, out var errors) ? faults : throw new FaultSpecException(OptionName, errors);

    /// <summary>
    /// The faults in <paramref name="text"/>, or false with every problem in <paramref name="errors"/> and no faults:
    /// a text with one bad fault changes nothing.
    /// </summary>
    public static bool TryParse(string? text, out IReadOnlyList<LinkFault> faults, out IReadOnlyList<string> errors)
    {
        var found = new List<LinkFault>();
        var problems = new List<string>();
        if (!string.IsNullOrWhiteSpace(text))
        {
            var items = text.Split(',');
            for (var i = 0; i < items.Length; i++)
            {
                var item = items[i].Trim();
                var where = $"fault {i + 1} {FaultValues.Quote(item)}";
                if (ParseOne(item, where, problems) is { } fault)
                {
                    if (found.FirstOrDefault(f => f.Link == fault.Link && f.Kind == fault.Kind
                        && FaultDirections.Overlap(f.Direction, fault.Direction)) is { } earlier)
                    {
                        problems.Add($"{where}: {FaultKinds.Name(fault.Kind)} on '{fault.Link}' is already set by {FaultValues.Quote(earlier.ToString())}; one fault per kind, link and direction");
                        continue;
                    }

                    found.Add(fault);
                }
            }
        }

        faults = problems.Count == 0 ? found : [];
        errors = problems;
        return problems.Count == 0;
    }

    private static LinkFault? ParseOne(string item, string where, List<string> errors)
    {
        const string Form = "link=kind[:parameters][@direction], e.g. tgw=blackhole or peering=latency:200ms@response";
        var before = errors.Count;
        var equals = item.IndexOf('=', StringComparison.Ordinal);
        if (item.Length == 0 || equals < 0)
        {
            errors.Add($"{where}: expected {Form}");
            return null;
        }

        var link = item[..equals].Trim();
        if (!LinkNames.IsKnown(link))
        {
            errors.Add($"{where}: unknown link {FaultValues.Quote(link)}; allowed: {LinkNames.Allowed}");
        }

        var rest = item[(equals + 1)..];
        var direction = FaultDirection.Both;
        var at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            var name = rest[(at + 1)..].Trim();
            if (FaultDirections.Find(name) is { } found)
            {
                direction = found;
            }
            else
            {
                errors.Add($"{where}: unknown direction {FaultValues.Quote(name)}; allowed: {FaultDirections.Allowed}");
            }

            rest = rest[..at];
        }

        var parts = rest.Split(':');
        var kindName = parts[0].Trim();
        if (FaultKinds.Find(kindName) is not { } kind)
        {
            errors.Add($"{where}: unknown fault kind {FaultValues.Quote(kindName)}; allowed: {FaultKinds.Allowed}");
            return null;
        }

        var given = new List<KeyValuePair<string?, string>>();
        foreach (var part in parts.Skip(1))
        {
            var split = part.IndexOf('=', StringComparison.Ordinal);
            given.Add(split < 0
                ? new KeyValuePair<string?, string>(null, part.Trim())
                : new KeyValuePair<string?, string>(part[..split].Trim(), part[(split + 1)..].Trim()));
        }

        var parameters = FaultParameterReader.Read(kind, given, where, errors);
        return errors.Count == before && parameters is not null ? new LinkFault(link, parameters, direction) : null;
    }
}
