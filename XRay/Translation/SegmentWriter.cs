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
        w.WriteString("name"u8, p.Name);
        w.WriteString("id"u8, p.Id);
        w.WriteNumber("start_time"u8, p.StartTime);
        if (!string.IsNullOrEmpty(r.Version))
        {
            w.WriteStartObject("service"u8);
            w.WriteString("version"u8, r.Version);
            w.WriteEndObject();
        }
        WriteIfSet(w, "origin"u8, p.Origin);
        WriteIfSet(w, "user"u8, p.User);
        if (p.Links is { Count: > 0 } links)
        {
            SpanLinks.Write(w, links);
        }
        w.WriteString("trace_id"u8, p.TraceId);
        w.WriteNumber("end_time"u8, p.EndTime);
        if (p.HasHttp)
        {
            WriteHttp(w, p, f);
        }
        w.WriteBoolean("fault"u8, p.Fault);
        w.WriteBoolean("error"u8, p.Error);
        w.WriteBoolean("throttle"u8, p.Throttle);
        if (p.Exceptions is { } exceptions)
        {
            WriteCause(w, exceptions);
        }
        if (r.IsAws)
        {
            if (p.WithoutAwsCallFields || !HasAwsCallFields(f, r))
            {
                // The resource part is the same for every span of the resource: written once, copied here.
                w.WritePropertyName("aws"u8);
                w.WriteRawValue(r.Json(p.ConfigLogGroups).AwsBlock!, skipInputValidation: true);
            }
            else
            {
                w.WritePropertyName("aws"u8);
                WriteAwsResourcePart(w, r, p.ConfigLogGroups);
                WriteAwsCall(w, f, r);
                w.WriteEndObject();
            }
        }
        WriteFields(w, fields);
        WriteIfSet(w, "namespace"u8, p.Namespace);
        if (p.HasParentId)
        {
            w.WriteString("parent_id"u8, p.ParentId);
        }
        if (p.IsSubsegment)
        {
            w.WriteString("type"u8, "subsegment"u8);
        }
        if (p.HasSql)
        {
            w.WriteStartObject("sql"u8);
            WriteIfSet(w, "connection_string"u8, p.SqlConnectionString);
            WriteIfSet(w, "url"u8, p.SqlUrl);
            WriteIfSet(w, "sanitized_query"u8, f.DbStatement);
            WriteIfSet(w, "database_type"u8, f.DbSystem);
            WriteIfSet(w, "user"u8, f.DbUser);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.Flush();
    }

    private static void WriteHttp(Utf8JsonWriter w, SegmentPlan p, SpanFacts f)
    {
        w.WriteStartObject("http"u8);
        w.WriteStartObject("request"u8);
        if (f.XForwardedFor)
        {
            w.WriteBoolean("x_forwarded_for"u8, true);
        }
        WriteIfSet(w, "method"u8, f.Method);
        if (p.HttpUrl is not null)
        {
            WriteIfSet(w, "url"u8, p.HttpUrl);
        }
        else if (p.HasHttpUrl)
        {
            w.WriteString("url"u8, p.HttpUrlBuffer.AsSpan());
        }
        WriteIfSet(w, "user_agent"u8, f.UserAgent);
        WriteIfSet(w, "client_ip"u8, f.ClientIp);
        w.WriteEndObject();
        w.WriteStartObject("response"u8);
        if (f.Status is { } status)
        {
            w.WriteNumber("status"u8, status);
        }
        w.WriteNumber("content_length"u8, p.ContentLength);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteCause(Utf8JsonWriter w, List<ExceptionInfo> exceptions)
    {
        w.WriteStartObject("cause"u8);
        w.WriteStartArray("exceptions"u8);
        foreach (var e in exceptions)
        {
            w.WriteStartObject();
            w.WriteString("id"u8, e.Id);
            w.WriteString("message"u8, e.Message);
            w.WriteString("type"u8, e.Type);
            if (e.Remote is { } remote)
            {
                w.WriteBoolean("remote"u8, remote);
            }
            WriteIfSet(w, "cause"u8, e.Cause);
            if (e.Stack.Count > 0)
            {
                w.WriteStartArray("stack"u8);
                foreach (var frame in e.Stack)
                {
                    w.WriteStartObject();
                    w.WriteString("path"u8, frame.Path);
                    w.WriteNumber("line"u8, frame.Line);
                    w.WriteString("label"u8, frame.Label);
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
            w.WriteStartObject("elastic_beanstalk"u8);
            WriteIfSet(w, "environment_name"u8, r.ServiceNamespace);
            WriteIfSet(w, "version_label"u8, r.ServiceVersion);
            w.WriteNumber("deployment_id"u8, long.TryParse(r.ServiceInstanceId, System.Globalization.NumberStyles.AllowLeadingSign,
                System.Globalization.CultureInfo.InvariantCulture, out var deployment) ? deployment : 0);
            w.WriteEndObject();
        }
        // Resource ARNs first, then resource names, then the exporter's aws_log_groups setting.
        var logGroups = r.LogGroupArns is { Count: > 0 } ? r.LogGroupArns : r.LogGroupNames is { Count: > 0 } ? r.LogGroupNames : configLogGroups;
        if (logGroups is { Count: > 0 })
        {
            var areArns = ReferenceEquals(logGroups, r.LogGroupArns);
            w.WriteStartArray("cloudwatch_logs"u8);
            foreach (var group in logGroups)
            {
                w.WriteStartObject();
                // A log group ARN names the group in its 7th ':'-separated part.
                w.WriteString("log_group"u8, areArns ? LogGroupFromArn(group) : group);
                if (areArns)
                {
                    w.WriteString("arn"u8, group);
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        if (r.CloudPlatform == "aws_ecs")
        {
            w.WriteStartObject("ecs"u8);
            WriteIfSet(w, "container"u8, r.ContainerName);
            WriteIfSet(w, "container_id"u8, r.ContainerId);
            WriteIfSet(w, "task_arn"u8, r.EcsTaskArn);
            WriteIfSet(w, "task_family"u8, r.EcsTaskFamily);
            WriteIfSet(w, "cluster_arn"u8, r.EcsClusterArn);
            WriteIfSet(w, "container_arn"u8, r.EcsContainerArn);
            WriteIfSet(w, "availability_zone"u8, r.Zone);
            WriteIfSet(w, "launch_type"u8, r.EcsLaunchType);
            w.WriteEndObject();
        }
        if (r.CloudPlatform == "aws_ec2" || !string.IsNullOrEmpty(r.HostId))
        {
            w.WriteStartObject("ec2"u8);
            WriteIfSet(w, "instance_id"u8, r.HostId);
            WriteIfSet(w, "availability_zone"u8, r.Zone);
            WriteIfSet(w, "instance_size"u8, r.HostType);
            WriteIfSet(w, "ami_id"u8, r.AmiId);
            w.WriteEndObject();
        }
        if (r.CloudPlatform == "aws_eks" || !string.IsNullOrEmpty(r.ClusterName))
        {
            w.WriteStartObject("eks"u8);
            WriteIfSet(w, "cluster_name"u8, r.ClusterName);
            WriteIfSet(w, "pod"u8, r.PodName);
            WriteIfSet(w, "container_id"u8, r.ContainerId);
            w.WriteEndObject();
        }
        w.WriteStartObject("xray"u8);
        WriteIfSet(w, "sdk"u8, r.Sdk);
        WriteIfSet(w, "sdk_version"u8, r.SdkVersion);
        w.WriteBoolean("auto_instrumentation"u8, !string.IsNullOrEmpty(r.AutoVersion));
        w.WriteEndObject();
    }

    private static bool HasAwsCallFields(SpanFacts f, ResourceFacts r) =>
        !string.IsNullOrEmpty(f.AccountId ?? r.AccountId) || !string.IsNullOrEmpty(f.Operation) || !string.IsNullOrEmpty(f.Region)
        || !string.IsNullOrEmpty(f.RequestId) || !string.IsNullOrEmpty(f.QueueUrl) || f.TableNames is not null
        || !string.IsNullOrEmpty(f.TableName);

    private static void WriteAwsCall(Utf8JsonWriter w, SpanFacts f, ResourceFacts r)
    {
        WriteIfSet(w, "account_id"u8, f.AccountId ?? r.AccountId);
        WriteIfSet(w, "operation"u8, f.Operation);
        WriteIfSet(w, "region"u8, f.Region);
        WriteIfSet(w, "request_id"u8, f.RequestId);
        WriteIfSet(w, "queue_url"u8, f.QueueUrl);
        if (f.TableNames is { } tables)
        {
            w.WriteStartArray("table_names"u8);
            foreach (var t in tables)
            {
                w.WriteStringValue(t);
            }
            w.WriteEndArray();
        }
        else
        {
            WriteIfSet(w, "table_name"u8, f.TableName);
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
                    w.WriteStartObject("annotations"u8);
                }
                else if (open is null or FieldKind.Annotation)
                {
                    w.WriteStartObject("metadata"u8);
                    if (field.Kind == FieldKind.DefaultMetadata)
                    {
                        w.WriteStartObject("default"u8);
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

    private static void WriteIfSet(Utf8JsonWriter w, ReadOnlySpan<byte> name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            w.WriteString(name, value);
        }
    }
}
