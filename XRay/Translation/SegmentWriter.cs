using System.Text.Encodings.Web;
using System.Text.Json;
using TracingLab.Otlp.Common.V1;

namespace TracingLab.XRay.Translation;

/// <summary>
/// Writes a segment document with <see cref="Utf8JsonWriter"/>. Fields come in the order of the exporter's Go
/// struct (internal/aws/xray/tracesegment.go), so documents read like the ones the collector sends; map keys
/// (annotations, metadata) are sorted, as Go's encoder sorts them.
/// </summary>
internal static class SegmentWriter
{
    /// <summary>Documents are JSON for an API, never embedded in HTML: non-ASCII text stays readable and compact.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    public static void Write(Utf8JsonWriter w, SegmentPlan p, SpanFacts f, ResourceFacts r, List<PlannedField> fields)
    {
        w.WriteStartObject();
        w.WriteString(JsonNames.Name, p.Name);
        w.WriteString(JsonNames.Id, p.Id);
        w.WriteNumber(JsonNames.StartTime, p.StartTime);
        if (!string.IsNullOrEmpty(r.Version))
        {
            w.WriteStartObject(JsonNames.Service);
            w.WriteString(JsonNames.Version, r.Version);
            w.WriteEndObject();
        }
        WriteIfSet(w, JsonNames.Origin, p.Origin);
        WriteIfSet(w, JsonNames.User, p.User);
        if (p.Links is { Count: > 0 } links)
        {
            SpanLinks.Write(w, links);
        }
        w.WriteString(JsonNames.TraceId, p.TraceId);
        w.WriteNumber(JsonNames.EndTime, p.EndTime);
        if (p.HasHttp)
        {
            WriteHttp(w, p, f);
        }
        w.WriteBoolean(JsonNames.Fault, p.Fault);
        w.WriteBoolean(JsonNames.Error, p.Error);
        w.WriteBoolean(JsonNames.Throttle, p.Throttle);
        if (p.Exceptions is { } exceptions)
        {
            WriteCause(w, exceptions);
        }
        if (r.IsAws)
        {
            if (p.WithoutAwsCallFields || !HasAwsCallFields(f, r))
            {
                // The resource part is the same for every span of the resource: written once, copied here.
                w.WritePropertyName(JsonNames.Aws);
                w.WriteRawValue(r.Json(p.ConfigLogGroups).AwsBlock!, skipInputValidation: true);
            }
            else
            {
                w.WritePropertyName(JsonNames.Aws);
                WriteAwsResourcePart(w, r, p.ConfigLogGroups);
                WriteAwsCall(w, f, r);
                w.WriteEndObject();
            }
        }
        WriteFields(w, fields);
        WriteIfSet(w, JsonNames.Namespace, p.Namespace);
        if (p.HasParentId)
        {
            w.WriteString(JsonNames.ParentId, p.ParentId);
        }
        if (p.IsSubsegment)
        {
            w.WriteString(JsonNames.Type, JsonNames.Subsegment);
        }
        if (p.HasSql)
        {
            w.WriteStartObject(JsonNames.Sql);
            WriteIfSet(w, JsonNames.ConnectionString, p.SqlConnectionString);
            WriteIfSet(w, JsonNames.Url, p.SqlUrl);
            WriteIfSet(w, JsonNames.SanitizedQuery, f.DbStatement);
            WriteIfSet(w, JsonNames.DatabaseType, f.DbSystem);
            WriteIfSet(w, JsonNames.User, f.DbUser);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.Flush();
    }

    private static void WriteHttp(Utf8JsonWriter w, SegmentPlan p, SpanFacts f)
    {
        w.WriteStartObject(JsonNames.Http);
        w.WriteStartObject(JsonNames.Request);
        if (f.XForwardedFor)
        {
            w.WriteBoolean(JsonNames.XForwardedFor, true);
        }
        WriteIfSet(w, JsonNames.Method, f.Method);
        if (p.HttpUrl is not null)
        {
            WriteIfSet(w, JsonNames.Url, p.HttpUrl);
        }
        else if (p.HasHttpUrl)
        {
            w.WriteString(JsonNames.Url, p.HttpUrlBuffer.AsSpan());
        }
        WriteIfSet(w, JsonNames.UserAgent, f.UserAgent);
        WriteIfSet(w, JsonNames.ClientIp, f.ClientIp);
        w.WriteEndObject();
        w.WriteStartObject(JsonNames.Response);
        if (f.Status is { } status)
        {
            w.WriteNumber(JsonNames.Status, status);
        }
        w.WriteNumber(JsonNames.ContentLength, p.ContentLength);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteCause(Utf8JsonWriter w, List<ExceptionInfo> exceptions)
    {
        w.WriteStartObject(JsonNames.Cause);
        w.WriteStartArray(JsonNames.Exceptions);
        foreach (var e in exceptions)
        {
            w.WriteStartObject();
            w.WriteString(JsonNames.Id, e.Id);
            w.WriteString(JsonNames.Message, e.Message);
            w.WriteString(JsonNames.Type, e.Type);
            if (e.Remote is { } remote)
            {
                w.WriteBoolean(JsonNames.Remote, remote);
            }
            WriteIfSet(w, JsonNames.Cause, e.Cause);
            if (e.Stack.Count > 0)
            {
                w.WriteStartArray(JsonNames.Stack);
                foreach (var frame in e.Stack)
                {
                    w.WriteStartObject();
                    w.WriteString(JsonNames.Path, frame.Path);
                    w.WriteNumber(JsonNames.Line, frame.Line);
                    w.WriteString(JsonNames.Label, frame.Label);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Opens the <c>aws</c> object and writes its resource part (log groups, ecs, ec2, eks, xray); the caller
    /// adds the call fields and closes it.</summary>
    public static void WriteAwsResourcePart(Utf8JsonWriter w, ResourceFacts r, IReadOnlyList<string>? configLogGroups)
    {
        w.WriteStartObject();
        if (r.CloudPlatform == "aws_elastic_beanstalk" && !string.IsNullOrEmpty(r.ServiceInstanceId))
        {
            // aws.go: the deployment id is service.instance.id read as an integer (0 when it is not one).
            w.WriteStartObject(JsonNames.ElasticBeanstalk);
            WriteIfSet(w, JsonNames.EnvironmentName, r.ServiceNamespace);
            WriteIfSet(w, JsonNames.VersionLabel, r.ServiceVersion);
            w.WriteNumber(JsonNames.DeploymentId, long.TryParse(r.ServiceInstanceId, System.Globalization.NumberStyles.AllowLeadingSign,
                System.Globalization.CultureInfo.InvariantCulture, out var deployment) ? deployment : 0);
            w.WriteEndObject();
        }
        // Resource ARNs first, then resource names, then the exporter's aws_log_groups setting.
        var logGroups = r.LogGroupArns is { Count: > 0 } ? r.LogGroupArns : r.LogGroupNames is { Count: > 0 } ? r.LogGroupNames : configLogGroups;
        if (logGroups is { Count: > 0 })
        {
            var areArns = ReferenceEquals(logGroups, r.LogGroupArns);
            w.WriteStartArray(JsonNames.CloudwatchLogs);
            foreach (var group in logGroups)
            {
                w.WriteStartObject();
                // A log group ARN names the group in its 7th ':'-separated part.
                w.WriteString(JsonNames.LogGroup, areArns ? LogGroupFromArn(group) : group);
                if (areArns)
                {
                    w.WriteString(JsonNames.Arn, group);
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        if (r.CloudPlatform == "aws_ecs")
        {
            w.WriteStartObject(JsonNames.Ecs);
            WriteIfSet(w, JsonNames.Container, r.ContainerName);
            WriteIfSet(w, JsonNames.ContainerId, r.ContainerId);
            WriteIfSet(w, JsonNames.TaskArn, r.EcsTaskArn);
            WriteIfSet(w, JsonNames.TaskFamily, r.EcsTaskFamily);
            WriteIfSet(w, JsonNames.ClusterArn, r.EcsClusterArn);
            WriteIfSet(w, JsonNames.ContainerArn, r.EcsContainerArn);
            WriteIfSet(w, JsonNames.AvailabilityZone, r.Zone);
            WriteIfSet(w, JsonNames.LaunchType, r.EcsLaunchType);
            w.WriteEndObject();
        }
        if (r.CloudPlatform == "aws_ec2" || !string.IsNullOrEmpty(r.HostId))
        {
            w.WriteStartObject("ec2"u8);
            WriteIfSet(w, JsonNames.InstanceId, r.HostId);
            WriteIfSet(w, JsonNames.AvailabilityZone, r.Zone);
            WriteIfSet(w, JsonNames.InstanceSize, r.HostType);
            WriteIfSet(w, JsonNames.AmiId, r.AmiId);
            w.WriteEndObject();
        }
        if (r.CloudPlatform == "aws_eks" || !string.IsNullOrEmpty(r.ClusterName))
        {
            w.WriteStartObject(JsonNames.Eks);
            WriteIfSet(w, JsonNames.ClusterName, r.ClusterName);
            WriteIfSet(w, JsonNames.Pod, r.PodName);
            WriteIfSet(w, JsonNames.ContainerId, r.ContainerId);
            w.WriteEndObject();
        }
        w.WriteStartObject(JsonNames.Xray);
        WriteIfSet(w, JsonNames.Sdk, r.Sdk);
        WriteIfSet(w, JsonNames.SdkVersion, r.SdkVersion);
        w.WriteBoolean(JsonNames.AutoInstrumentation, !string.IsNullOrEmpty(r.AutoVersion));
        w.WriteEndObject();
    }

    private static bool HasAwsCallFields(SpanFacts f, ResourceFacts r) =>
        !string.IsNullOrEmpty(f.AccountId ?? r.AccountId) || !string.IsNullOrEmpty(f.Operation) || !string.IsNullOrEmpty(f.Region)
        || !string.IsNullOrEmpty(f.RequestId) || !string.IsNullOrEmpty(f.QueueUrl) || f.TableNames is not null
        || !string.IsNullOrEmpty(f.TableName);

    private static void WriteAwsCall(Utf8JsonWriter w, SpanFacts f, ResourceFacts r)
    {
        WriteIfSet(w, JsonNames.AccountId, f.AccountId ?? r.AccountId);
        WriteIfSet(w, JsonNames.Operation, f.Operation);
        WriteIfSet(w, JsonNames.Region, f.Region);
        WriteIfSet(w, JsonNames.RequestId, f.RequestId);
        WriteIfSet(w, JsonNames.QueueUrl, f.QueueUrl);
        if (f.TableNames is { } tables)
        {
            w.WriteStartArray(JsonNames.TableNames);
            foreach (var t in tables)
            {
                w.WriteStringValue(t);
            }
            w.WriteEndArray();
        }
        else
        {
            WriteIfSet(w, JsonNames.TableName, f.TableName);
        }
    }

    private static void WriteFields(Utf8JsonWriter w, List<PlannedField> fields)
    {
        var open = (FieldKind?)null;
        foreach (var field in fields)
        {
            if (field.Dropped)
            {
                continue;
            }
            if (open != field.Kind)
            {
                Close(w, open, field.Kind);
                if (field.Kind == FieldKind.Annotation)
                {
                    w.WriteStartObject(JsonNames.Annotations);
                }
                else if (open is null or FieldKind.Annotation)
                {
                    w.WriteStartObject(JsonNames.Metadata);
                    if (field.Kind == FieldKind.DefaultMetadata)
                    {
                        w.WriteStartObject(JsonNames.Default);
                    }
                }
                open = field.Kind;
            }
            if (field.Run is { } run)
            {
                w.WritePropertyName(run.First.EncodedKey);
                w.WriteRawValue(run.Rest, skipInputValidation: true);
                continue;
            }
            if (field.Resource is { } entry)
            {
                w.WritePropertyName(entry.EncodedKey);
                w.WriteRawValue(entry.Json!, skipInputValidation: true);
                continue;
            }
            w.WritePropertyName(field.Key);
            if (field.Json is { } json)
            {
                json.WriteTo(w);
            }
            else
            {
                AnyValueJson.Write(w, field.Value);
            }
        }
        Close(w, open, null);
    }

    /// <summary>Closes the object(s) open for <paramref name="open"/> before <paramref name="next"/> starts.</summary>
    private static void Close(Utf8JsonWriter w, FieldKind? open, FieldKind? next)
    {
        switch (open)
        {
            case FieldKind.Annotation:
                w.WriteEndObject();
                break;
            case FieldKind.DefaultMetadata:
                w.WriteEndObject();
                if (next != FieldKind.NamespaceMetadata)
                {
                    w.WriteEndObject();
                }
                break;
            case FieldKind.NamespaceMetadata when next is null:
                w.WriteEndObject();
                break;
            default:
                break;
        }
    }

    private static string LogGroupFromArn(string arn)
    {
        var parts = arn.Split(':');
        return parts.Length >= 7 ? parts[6] : arn;
    }

    private static void WriteIfSet(Utf8JsonWriter w, JsonEncodedText name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            w.WriteString(name, value);
        }
    }
}
