using System.Text.Json;
using System.Text.Json.Serialization;

namespace TracingLab.XRay.Settings;

/// <summary>
/// The lab's awsxray exporter settings, in one place: Deploy.Cdk writes them into every ADOT collector configuration
/// and the local X-Ray view translates with them, so the two cannot drift. The lab's values live in the embedded
/// <c>XRay/Settings/lab-xray-exporter.json</c> (<see cref="Lab"/>).
/// </summary>
public sealed record XRayExporterSettings
{
    private static readonly JsonSerializerOptions Json = new() { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    /// <summary>The exporter's <c>indexed_attributes</c>: attribute keys written as annotations (resource attributes as
    /// <c>otel.resource.{key}</c>).</summary>
    [JsonPropertyName("indexed_attributes")]
    public IReadOnlyList<string> IndexedAttributes { get; init; } = [];

    /// <summary>The exporter's <c>index_all_attributes</c>: every string, number or boolean attribute is an annotation.</summary>
    [JsonPropertyName("index_all_attributes")]
    public bool IndexAllAttributes { get; init; }

    /// <summary>The exporter's <c>aws_log_groups</c>: log group names for <c>aws.cloudwatch_logs</c> when the resource
    /// names none (<c>aws.log.group.names</c>/<c>arns</c>).</summary>
    [JsonPropertyName("aws_log_groups")]
    public IReadOnlyList<string> AwsLogGroups { get; init; } = [];

    /// <summary>The exporter's feature gate <c>exporter.xray.allowDot</c> (beta, on by default since v0.97.0): keep
    /// <c>.</c> in annotation keys. The lab leaves it at its default.</summary>
    [JsonPropertyName("allow_dot")]
    public bool AllowDot { get; init; } = true;

    /// <summary>The exporter's feature gate <c>exporter.awsxray.EmitV1HTTPNetworkConventions</c> (alpha, off by default):
    /// <c>network.peer.port</c> gives a client URL its port and <c>messaging.message.body.size</c> the response size.</summary>
    [JsonPropertyName("emit_v1_http_network_conventions")]
    public bool EmitV1HttpNetworkConventions { get; init; }

    /// <summary>The gate <c>exporter.awsxray.DontEmitV0HTTPNetworkConventions</c> (alpha, off by default): the old HTTP and
    /// net keys (<c>http.method</c>, <c>http.url</c>, <c>net.peer.name</c>…) no longer feed the http block and stay metadata.</summary>
    [JsonPropertyName("dont_emit_v0_http_network_conventions")]
    public bool DontEmitV0HttpNetworkConventions { get; init; }

    /// <summary>The gate <c>exporter.awsxray.EmitV1DBConventions</c> (alpha, off by default): <c>db.namespace</c>,
    /// <c>db.system.name</c>, <c>db.query.text</c> and <c>user.name</c> feed the sql block.</summary>
    [JsonPropertyName("emit_v1_db_conventions")]
    public bool EmitV1DbConventions { get; init; }

    /// <summary>The gate <c>exporter.awsxray.DontEmitV0DBConventions</c> (alpha, off by default): <c>db.name</c>,
    /// <c>db.system</c>, <c>db.statement</c>, <c>db.user</c>, <c>db.connection_string</c> no longer feed the sql block.</summary>
    [JsonPropertyName("dont_emit_v0_db_conventions")]
    public bool DontEmitV0DbConventions { get; init; }

    /// <summary>Dotted span attributes the collector's attributes processor renames to their underscore spelling
    /// (<c>lab.link</c> → <c>lab_link</c>) before the exporter sees them, so annotation keys do not depend on the gate.</summary>
    [JsonPropertyName("renamed_attributes")]
    public IReadOnlyList<string> RenamedAttributes { get; init; } = [];

    /// <summary>The lab's settings, read once from the embedded <c>lab-xray-exporter.json</c>.</summary>
    public static XRayExporterSettings Lab { get; } = LoadLab();

    /// <summary>The key an attribute has once the collector renamed it: dots become underscores.</summary>
    public static string RenamedKey(string attribute)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        return attribute.Replace('.', '_');
    }

    /// <summary>Reads settings from JSON shaped like the embedded file; throws <see cref="ArgumentException"/> naming
    /// the bad key or value.</summary>
    public static XRayExporterSettings FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        XRayExporterSettings? settings;
        try
        {
            settings = JsonSerializer.Deserialize<XRayExporterSettings>(json, Json);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"X-Ray exporter settings are not valid JSON at {ex.Path ?? "$"}: {ex.Message}", nameof(json), ex);
        }
        var errors = settings is null ? ["the settings are null; give an object."] : settings.Validate();
        return errors.Count == 0 ? settings! : throw new ArgumentException("Invalid X-Ray exporter settings: " + string.Join(" ", errors), nameof(json));
    }

    /// <summary>Checks the settings and names every bad value; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        Check(errors, "indexed_attributes", IndexedAttributes);
        Check(errors, "aws_log_groups", AwsLogGroups);
        Check(errors, "renamed_attributes", RenamedAttributes);
        return errors;
    }

    private static void Check(List<string> errors, string key, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            errors.Add($"{key} is null; give a list (it may be empty).");
            return;
        }
        for (var i = 0; i < values.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(values[i]))
            {
                errors.Add($"{key}[{i}] is '{values[i]}'; allowed: a non-empty name.");
            }
        }
    }

    private static XRayExporterSettings LoadLab()
    {
        using var stream = typeof(XRayExporterSettings).Assembly.GetManifestResourceStream("TracingLab.XRay.lab-xray-exporter.json")
            ?? throw new InvalidOperationException("The embedded resource TracingLab.XRay.lab-xray-exporter.json is missing from TracingLab.XRay.");
        using var reader = new StreamReader(stream);
        return FromJson(reader.ReadToEnd());
    }
}
