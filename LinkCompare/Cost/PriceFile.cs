using System.Globalization;
using System.Text.Json;

namespace TracingLab.LinkCompare.Cost;

/// <summary>
/// Reads and validates a price file. Every problem is reported at once, each naming the field (JSON path), the value
/// given and what is allowed, so a hand-edited file is fixed in one go.
/// </summary>
public static class PriceFile
{
    /// <summary>The repository's price file, embedded in the assembly (same bytes as <c>LinkCompare/Prices/aws-links-us-east-1.json</c>).</summary>
    public const string DefaultResourceName = "TracingLab.LinkCompare.Prices.aws-links-us-east-1.json";

    /// <summary>The embedded default price list.</summary>
    public static PriceList LoadDefault()
    {
        using var stream = typeof(PriceFile).Assembly.GetManifestResourceStream(DefaultResourceName)
            ?? throw new PriceFileException($"The embedded price file '{DefaultResourceName}' is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "(embedded) aws-links-us-east-1.json");
    }

    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="PriceFileException">The file is missing, not JSON, or a field is wrong.</exception>
    public static PriceList Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PriceFileException($"Price file '{path}' can't be read: {e.Message}", e);
        }

        return Parse(text, path);
    }

    /// <summary>Parses price-file JSON; <paramref name="name"/> names it in errors.</summary>
    /// <exception cref="PriceFileException">Not JSON, or a field is missing or wrong.</exception>
    public static PriceList Parse(string json, string name)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new PriceFileException($"Price file '{name}' is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var errors = new List<string>();
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new PriceFileException($"Price file '{name}': the root is {root.ValueKind}; expected an object with asOf, region, currency, hoursPerMonth and prices.");
            }

            var asOf = ReadDate(root, "asOf", errors);
            var region = ReadString(root, "region", errors, "", "an AWS region such as us-east-1");
            var currency = ReadString(root, "currency", errors, "", "USD");
            if (currency.Length > 0 && currency != "USD")
            {
                errors.Add($"currency: '{currency}' is not supported; allowed: USD.");
            }

            var hours = ReadNumber(root, "hoursPerMonth", "hoursPerMonth", errors, min: 672, max: 744);
            var prices = root.TryGetProperty("prices", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
            if (prices.ValueKind != JsonValueKind.Object)
            {
                errors.Add("prices: missing or not an object; expected an object of named prices, each {usd, unit, source}.");
            }

            var list = new PriceList(
                asOf,
                region,
                currency,
                hours,
                ReadPrice(prices, "tgwAttachmentHour", errors),
                ReadPrice(prices, "tgwDataPerGb", errors),
                ReadPrice(prices, "peeringCrossAzPerGb", errors),
                ReadPrice(prices, "privateLinkEndpointAzHour", errors),
                ReadPrice(prices, "privateLinkDataPerGb", errors),
                ReadPrice(prices, "nlbHour", errors),
                ReadPrice(prices, "nlcuHour", errors),
                ReadPrice(prices, "latticeServiceHour", errors),
                ReadPrice(prices, "latticeDataPerGb", errors),
                ReadPrice(prices, "latticeRequestsPerMillion", errors),
                ReadNumber(root, "latticeFreeRequestsPerServiceHour", "latticeFreeRequestsPerServiceHour", errors, min: 0, max: 1e9),
                root.TryGetProperty("checked", out var c) && c.ValueKind == JsonValueKind.Array
                    ? [.. c.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
                    : []);
            if (errors.Count > 0)
            {
                throw new PriceFileException($"Price file '{name}' is malformed: {string.Join(" ", errors)}");
            }

            return list;
        }
    }

    private static Price ReadPrice(JsonElement prices, string key, List<string> errors)
    {
        if (prices.ValueKind != JsonValueKind.Object)
        {
            return new Price(0, "", "");
        }

        var path = $"prices.{key}";
        if (!prices.TryGetProperty(key, out var element) || element.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path}: missing or not an object; expected {{\"usd\": <number ≥ 0>, \"unit\": \"...\", \"source\": \"https://aws.amazon.com/...\"}}.");
            return new Price(0, "", "");
        }

        var usd = ReadNumber(element, "usd", $"{path}.usd", errors, min: 0, max: 100);
        var unit = ReadString(element, "unit", errors, path + ".", "a description of what the price is per");
        var source = ReadString(element, "source", errors, path + ".", "an https URL of the AWS pricing page");
        if (source.Length > 0 && !(Uri.TryCreate(source, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
        {
            errors.Add($"{path}.source: '{source}' is not an absolute https URL; allowed: the https URL of the AWS pricing page.");
        }

        return new Price(usd, unit, source);
    }

    private static double ReadNumber(JsonElement parent, string key, string path, List<string> errors, double min, double max)
    {
        if (!parent.TryGetProperty(key, out var element))
        {
            errors.Add($"{path}: missing; expected a number from {Format(min)} to {Format(max)}.");
            return 0;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var value) || !double.IsFinite(value))
        {
            errors.Add($"{path}: {element.GetRawText()} is not a number; expected a number from {Format(min)} to {Format(max)}.");
            return 0;
        }

        if (value < min || value > max)
        {
            errors.Add($"{path}: {Format(value)} is out of range; allowed: {Format(min)} to {Format(max)}.");
        }

        return value;
    }

    private static string ReadString(JsonElement parent, string key, List<string> errors, string prefix, string expected)
    {
        if (!parent.TryGetProperty(key, out var element) || element.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(element.GetString()))
        {
            var given = parent.TryGetProperty(key, out var e) ? e.GetRawText() : "missing";
            errors.Add($"{prefix}{key}: {given} is not allowed; expected a non-empty string: {expected}.");
            return "";
        }

        return element.GetString()!;
    }

    private static DateOnly ReadDate(JsonElement root, string key, List<string> errors)
    {
        var text = root.TryGetProperty(key, out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        if (text is null || !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var given = root.TryGetProperty(key, out var raw) ? raw.GetRawText() : "missing";
            errors.Add($"{key}: {given} is not a date; expected \"yyyy-MM-dd\", the day the prices were checked.");
            return default;
        }

        return date;
    }

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
