using TracingLab.Otlp.Common.V1;
using TracingLab.Otlp.Trace.V1;

namespace TracingLab.XRay.Translation;

/// <summary>The exporter's per-span rules: http block and URL, error/throttle/fault, segment name and namespace.</summary>
internal static class Rules
{
    /// <summary>http.go: the block exists when an HTTP attribute is present; the URL is rebuilt from its parts
    /// when no full URL is given.</summary>
    public static void Http(Span span, SpanFacts f, SegmentPlan p)
    {
        p.HasHttp = f.HasHttp;
        p.HttpUrl = null;
        p.HasHttpUrl = false;
        p.ContentLength = 0;
        if (!f.HasHttp)
        {
            return;
        }
        if (f.HasUrlParts)
        {
            p.HttpUrl = f.Url;
            if (f.Url is null)
            {
                p.HttpUrlBuffer.Clear();
                if (span.Kind == Span.Types.SpanKind.Server)
                {
                    ServerUrl(f, p.HttpUrlBuffer);
                }
                else
                {
                    ClientUrl(f, p.HttpUrlBuffer);
                }
                p.HasHttpUrl = true;
            }
        }
        p.ContentLength = ResponseSize(span, f.Gates);
    }

    private static void ServerUrl(SpanFacts f, TextBuffer url)
    {
        var scheme = f.Scheme ?? "http";
        var host = f.Host;
        var port = "";
        if (host is null)
        {
            host = f.ServerName ?? f.NetHostName ?? f.HostName ?? f.ServerAddress ?? "";
            port = f.NetHostPort ?? f.ServerPort ?? "";
        }
        Origin(url, scheme, host, port);
        PathAndQuery(f, url);
    }

    private static void ClientUrl(SpanFacts f, TextBuffer url)
    {
        var scheme = f.Scheme ?? "http";
        var host = f.Host;
        var port = "";
        if (host is null)
        {
            // server.address is the exporter's last resort for the host; the port comes from net.peer.port, else
            // network.peer.port (read only with the exporter's EmitV1HTTPNetworkConventions gate, off by default).
            host = f.NetPeerName ?? f.NetPeerIp ?? f.ServerAddress ?? "";
            port = f.NetPeerPort ?? f.NetworkPeerPort ?? "";
        }
        Origin(url, scheme, host, port);
        PathAndQuery(f, url);
    }

    /// <summary><c>scheme://host[:port]</c>, without the scheme's default port.</summary>
    private static void Origin(TextBuffer url, string scheme, string host, string port)
    {
        url.Append(scheme).Append("://").Append(host);
        if (!(port.Length == 0 || (scheme == "http" && port == "80") || (scheme == "https" && port == "443")))
        {
            url.Append(':').Append(port);
        }
    }

    private static void PathAndQuery(SpanFacts f, TextBuffer url)
    {
        if (f.Target is not null)
        {
            url.Append(f.Target);
            return;
        }
        // url.query is appended after url.path (or "/"), with a '?' only when the value does not begin with one.
        url.Append(f.UrlPath ?? "/");
        if (f.UrlQuery is { } query)
        {
            if (!query.StartsWith('?'))
            {
                url.Append('?');
            }
            url.Append(query);
        }
    }

    private static long ResponseSize(Span span, Settings.XRayExporterSettings gates)
    {
        var size = ResponseSize(span.Attributes, gates);
        if (size != 0)
        {
            return size;
        }
        var events = span.Events;
        for (var i = 0; i < events.Count; i++)
        {
            size = ResponseSize(events[i].Attributes, gates);
            if (size != 0)
            {
                return size;
            }
        }
        return 0;
    }

    /// <summary>A RECEIVED message's size: the old key unless DontEmitV0HTTPNetworkConventions, then the new one with
    /// EmitV1HTTPNetworkConventions.</summary>
    private static long ResponseSize(Google.Protobuf.Collections.RepeatedField<KeyValue> attributes, Settings.XRayExporterSettings gates)
    {
        var received = false;
        long? oldSize = null, newSize = null;
        for (var i = 0; i < attributes.Count; i++)
        {
            var kv = attributes[i];
            if (kv.Key == SemConv.MessageType && kv.Value?.StringValue == "RECEIVED")
            {
                received = true;
            }
            else if (kv.Key == SemConv.MessagingPayloadSize && kv.Value?.ValueCase == AnyValue.ValueOneofCase.IntValue)
            {
                oldSize = kv.Value.IntValue;
            }
            else if (kv.Key == SemConv.MessagingBodySize && kv.Value?.ValueCase == AnyValue.ValueOneofCase.IntValue)
            {
                newSize = kv.Value.IntValue;
            }
        }
        if (!received)
        {
            return 0;
        }
        if (!gates.DontEmitV0HttpNetworkConventions && oldSize is { } size)
        {
            return size;
        }
        return gates.EmitV1HttpNetworkConventions && newSize is { } body ? body : 0;
    }

    /// <summary>cause.go: 4xx is an error (429 also a throttle), 5xx a fault; without a 4xx/5xx status code,
    /// span status Error is a fault.</summary>
    public static void StatusFlags(Span span, SpanFacts f, SegmentPlan p)
    {
        p.Error = p.Fault = p.Throttle = false;
        var code = f.Status;
        if (code is >= 400 and <= 499)
        {
            p.Error = true;
            p.Throttle = code == 429;
        }
        else if (code is >= 500 and <= 599)
        {
            p.Fault = true;
        }
        else if (span.Status?.Code == Status.Types.StatusCode.Error)
        {
            p.Fault = true;
        }
    }

    /// <summary>segment.go: X-Ray names are service names, so a span's name is the last resort.</summary>
    public static void NameAndNamespace(Span span, SpanFacts f, ResourceFacts r, SegmentPlan p)
    {
        var kind = span.Kind;
        var isAwsSdk = f.RpcSystem == SemConv.AwsApiRpcSystem;
        var isOutgoing = kind is Span.Types.SpanKind.Client or Span.Types.SpanKind.Producer or Span.Types.SpanKind.Consumer;
        string? name = null;
        string? ns = null;

        if (kind == Span.Types.SpanKind.Server)
        {
            name = NonEmpty(f.AwsLocalService);
        }
        if (name is null && isOutgoing && NonEmpty(f.AwsRemoteService) is { } remote)
        {
            name = NameOfRemote(remote, f);
        }
        name ??= NonEmpty(f.PeerService);
        if (isAwsSdk)
        {
            ns = "aws";
        }
        if (name is null && NonEmpty(f.AwsService) is { } awsService)
        {
            name = awsService;
            ns ??= "aws";
        }
        if (name is null && NonEmpty(f.DbName) is { } db)
        {
            name = db + DbHost(f.DbConnectionString);
        }
        if (name is null && kind == Span.Types.SpanKind.Server)
        {
            name = NonEmpty(r.ServiceName);
        }
        name ??= NonEmpty(f.RpcService) ?? NonEmpty(f.HttpHostForName) ?? NonEmpty(f.NetPeerNameForName) ?? span.Name;
        if (ns is null && kind == Span.Types.SpanKind.Client)
        {
            ns = "remote";
        }
        if (ns is null && isOutgoing && p.IsSubsegment && f.AwsRemoteService is not null)
        {
            ns = "remote";
        }
        p.Name = Names.CleanSegmentName(name);
        p.Namespace = ns;
    }

    /// <summary><c>aws.remote.service</c> as a name: AWS SDK spans lose an <c>AWS.SDK.</c> or <c>AWS::</c> prefix.</summary>
    public static string NameOfRemote(string remote, SpanFacts f) =>
        f.RpcSystem != SemConv.AwsApiRpcSystem ? remote
        : remote.StartsWith("AWS.SDK.", StringComparison.Ordinal) ? remote[8..]
        : remote.StartsWith("AWS::", StringComparison.Ordinal) ? remote[5..]
        : remote;

    /// <summary>"db@host" from a connection string such as <c>jdbc:mysql://db.example.com:3306</c>.</summary>
    private static string DbHost(string? connectionString)
    {
        if (string.IsNullOrEmpty(connectionString))
        {
            return "";
        }
        var text = connectionString.StartsWith("jdbc:", StringComparison.Ordinal) ? connectionString[5..] : connectionString;
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host) ? "@" + uri.Host : "";
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
