using NJsonSchema;
using NJsonSchema.Validation;

namespace TracingLab.XRay.Schema;

/// <summary>
/// Validates segment documents against the project's schema (Schema/segment-document.schema.json, embedded),
/// written from AWS's documented segment-document fields. Thread-safe once loaded.
/// </summary>
public sealed class SegmentDocumentValidator
{
    private const string ResourceName = "TracingLab.XRay.segment-document.schema.json";
    private static readonly Lazy<Task<SegmentDocumentValidator>> Shared = new(() => LoadAsync());

    private readonly JsonSchema _schema;

    private SegmentDocumentValidator(JsonSchema schema) => _schema = schema;

    /// <summary>The schema text, as embedded.</summary>
    public static string SchemaJson()
    {
        using var stream = typeof(SegmentDocumentValidator).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource '{ResourceName}' is missing from {typeof(SegmentDocumentValidator).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>One validator per process, loaded on first use.</summary>
    public static Task<SegmentDocumentValidator> GetAsync() => Shared.Value;

    /// <summary>Loads a new validator from the embedded schema.</summary>
    public static async Task<SegmentDocumentValidator> LoadAsync() =>
        new(await JsonSchema.FromJsonAsync(SchemaJson()).ConfigureAwait(false));

    /// <summary>Every violation (path and kind); empty when the document is valid. Invalid JSON is one violation.</summary>
    public IReadOnlyList<SchemaViolation> Validate(string documentJson)
    {
        ArgumentNullException.ThrowIfNull(documentJson);
        ICollection<ValidationError> errors;
        try
        {
            errors = _schema.Validate(documentJson);
        }
        catch (Newtonsoft.Json.JsonException ex)
        {
            return [new SchemaViolation("$", "InvalidJson", ex.Message)];
        }
        var result = new List<SchemaViolation>();
        Flatten(errors, result);
        return result;
    }

    private static void Flatten(IEnumerable<ValidationError> errors, List<SchemaViolation> into)
    {
        foreach (var e in errors)
        {
            if (e is ChildSchemaValidationError child && child.Errors.Count > 0)
            {
                // anyOf/oneOf failures: report what each alternative found, not just "no alternative matched".
                into.Add(new SchemaViolation(PathOf(e), e.Kind.ToString(), e.ToString()));
                foreach (var nested in child.Errors.Values)
                {
                    Flatten(nested, into);
                }
            }
            else
            {
                into.Add(new SchemaViolation(PathOf(e), e.Kind.ToString(), e.ToString()));
            }
        }
    }

    private static string PathOf(ValidationError e) =>
        string.IsNullOrEmpty(e.Path) ? "$" : "$" + e.Path.TrimStart('#').Replace('/', '.');
}

/// <summary>One schema violation.</summary>
/// <param name="Path">JSON path, e.g. <c>$.annotations.lab_link</c>.</param>
/// <param name="Kind">NJsonSchema's error kind, e.g. <c>StringTooLong</c>.</param>
/// <param name="Description">A readable description.</param>
public sealed record SchemaViolation(string Path, string Kind, string Description);
