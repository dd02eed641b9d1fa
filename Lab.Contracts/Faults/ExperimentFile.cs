using System.Text.Json;
using System.Text.RegularExpressions;
using TracingLab.Contracts.Links;

namespace TracingLab.Contracts.Faults;

/// <summary>Reads and checks an experiment file, collecting every problem before saying no.</summary>
internal static partial class ExperimentFile
{
    private const int MaxDescription = 512;
    private static readonly string[] RootKeys = ["$schema", "name", "description", "faults"];
    private static readonly string[] FaultKeys = ["link", "kind", "direction", "start", "duration", "parameters"];

    public static bool TryParse(string json, string source, out Experiment? experiment, out IReadOnlyList<string> errors)
    {
        var problems = new List<string>();
        experiment = null;
        errors = problems;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json ?? "", new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            problems.Add($"{source} is not JSON: line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {Bounded(e.Message)}");
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"{source} must hold a JSON object with {string.Join(", ", RootKeys[1..])}, got {root.ValueKind}");
                return false;
            }

            var keys = Keys(root, source, RootKeys, problems);
            string? name = null;
            if (!keys.TryGetValue("name", out var nameElement))
            {
                problems.Add("name is required: letters, digits, '.', '_' and '-', at most 64 characters");
            }
            else
            {
                name = String(nameElement, "name", problems);
            }

            if (name is not null && !NamePattern().IsMatch(name))
            {
                problems.Add($"name {FaultValues.Quote(name)} must be letters, digits, '.', '_' and '-', starting with a letter or digit, at most 64 characters");
            }

            var description = keys.TryGetValue("description", out var d) ? String(d, "description", problems) : null;
            if (description is { Length: > MaxDescription })
            {
                problems.Add($"description {FaultValues.Quote(description)} is longer than {MaxDescription} characters");
            }

            var faults = keys.TryGetValue("faults", out var list) ? Faults(list, problems) : null;
            if (!keys.ContainsKey("faults"))
            {
                problems.Add("faults is required: a list of 1 to 20 faults, each with link, kind and duration");
            }

            if (problems.Count == 0 && name is not null && faults is not null)
            {
                experiment = new Experiment(name, description, faults);
            }
        }

        return problems.Count == 0;
    }

    private static List<LinkFault>? Faults(JsonElement list, List<string> problems)
    {
        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() is 0 or > Experiment.MaxFaults)
        {
            problems.Add($"faults must be a list of 1 to {Experiment.MaxFaults} faults, got {Describe(list)}");
            return null;
        }

        var faults = new List<LinkFault>();
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            if (Fault(item, $"faults[{index++}]", problems) is { } fault)
            {
                faults.Add(fault);
            }
        }

        for (var i = 0; i < faults.Count; i++)
        {
            var a = faults[i];
            if (a.End > Experiment.MaxLength)
            {
                problems.Add($"faults[{i}] ends at {FaultValues.FormatDuration(a.End!.Value)}, after the longest an experiment may run ({FaultValues.FormatDuration(Experiment.MaxLength)})");
            }

            for (var j = 0; j < i; j++)
            {
                var b = faults[j];
                if (a.Link == b.Link && a.Kind == b.Kind && FaultDirections.Overlap(a.Direction, b.Direction)
                    && a.Start < b.End && b.Start < a.End)
                {
                    problems.Add($"faults[{i}] and faults[{j}]: two {FaultKinds.Name(a.Kind)} faults on '{a.Link}' overlap in time ({Window(b)} and {Window(a)}); one fault per kind, link and direction at a time");
                }
            }
        }

        return faults;
    }

    private static LinkFault? Fault(JsonElement item, string where, List<string> problems)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{where} must be an object with {string.Join(", ", FaultKeys)}, got {Describe(item)}");
            return null;
        }

        var before = problems.Count;
        var keys = Keys(item, where, FaultKeys, problems);

        var link = Required(keys, "link", where, problems);
        if (link is not null && !LinkNames.IsKnown(link))
        {
            problems.Add($"{where}.link: unknown link {FaultValues.Quote(link)}; allowed: {LinkNames.Allowed}");
        }

        var kindName = Required(keys, "kind", where, problems);
        var kind = kindName is null ? null : FaultKinds.Find(kindName);
        if (kindName is not null && kind is null)
        {
            problems.Add($"{where}.kind: unknown fault kind {FaultValues.Quote(kindName)}; allowed: {FaultKinds.Allowed}");
        }

        var direction = FaultDirection.Both;
        if (keys.TryGetValue("direction", out var d) && String(d, $"{where}.direction", problems) is { } directionName)
        {
            if (FaultDirections.Find(directionName) is { } found)
            {
                direction = found;
            }
            else
            {
                problems.Add($"{where}.direction: unknown direction {FaultValues.Quote(directionName)}; allowed: {FaultDirections.Allowed}");
            }
        }

        var start = TimeSpan.Zero;
        if (keys.TryGetValue("start", out var s) && String(s, $"{where}.start", problems) is { } startText)
        {
            start = FaultValues.ParseDuration(startText) ?? Bad(startText, $"{where}.start", "0s or more", problems);
        }

        var duration = TimeSpan.Zero;
        if (Required(keys, "duration", where, problems) is { } durationText)
        {
            duration = FaultValues.ParseDuration(durationText) is { } parsed && parsed >= TimeSpan.FromSeconds(1)
                ? parsed
                : Bad(durationText, $"{where}.duration", "at least 1s", problems);
        }

        FaultParameters? parameters = null;
        if (kind is { } k)
        {
            var given = keys.TryGetValue("parameters", out var p) ? Parameters(p, $"{where}.parameters", problems) : [];
            parameters = given is null ? null : FaultParameterReader.Read(k, given, $"{where}.parameters", problems);
        }

        return problems.Count == before && link is not null && parameters is not null
            ? new LinkFault(link, parameters, direction, start, duration)
            : null;
    }

    private static List<KeyValuePair<string?, string>>? Parameters(JsonElement element, string where, List<string> problems)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{where} must be an object of name: \"value\" strings, got {Describe(element)}");
            return null;
        }

        var given = new List<KeyValuePair<string?, string>>();
        foreach (var property in element.EnumerateObject())
        {
            if (String(property.Value, $"{where}.{property.Name}", problems) is { } value)
            {
                given.Add(new(property.Name, value));
            }
        }

        return given;
    }

    private static Dictionary<string, JsonElement> Keys(JsonElement element, string where, string[] allowed, List<string> problems)
    {
        var keys = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!allowed.Contains(property.Name, StringComparer.Ordinal))
            {
                problems.Add($"{where}: unknown key {FaultValues.Quote(property.Name)}; allowed: {string.Join(", ", allowed)}");
            }
            else if (!keys.TryAdd(property.Name, property.Value))
            {
                problems.Add($"{where}: key '{property.Name}' is given twice");
            }
        }

        return keys;
    }

    private static string? Required(Dictionary<string, JsonElement> keys, string key, string where, List<string> problems)
    {
        if (keys.TryGetValue(key, out var value))
        {
            return String(value, $"{where}.{key}", problems);
        }

        problems.Add($"{where}: '{key}' is required");
        return null;
    }

    private static string? String(JsonElement element, string where, List<string> problems)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return element.GetString();
        }

        problems.Add($"{where} must be a string, got {Describe(element)}");
        return null;
    }

    private static TimeSpan Bad(string text, string where, string bounds, List<string> problems)
    {
        problems.Add($"{where}: {FaultValues.Quote(text)} must be {FaultValues.DurationForm}, {bounds}");
        return TimeSpan.Zero;
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => $"a list of {element.GetArrayLength()}",
        JsonValueKind.String => $"the string {FaultValues.Quote(element.GetString())}",
        _ => $"{element.ValueKind.ToString().ToLowerInvariant()} {FaultValues.Quote(element.GetRawText())}",
    };

    private static string Window(LinkFault fault) =>
        $"{FaultValues.FormatDuration(fault.Start ?? TimeSpan.Zero)}–{FaultValues.FormatDuration(fault.End ?? TimeSpan.Zero)}";

    private static string Bounded(string message) => message.Length > 200 ? message[..200] + "…" : message;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
