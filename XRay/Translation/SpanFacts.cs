using System.Net;
using TracingLab.Otlp.Common.V1;
using TracingLab.Otlp.Trace.V1;

namespace TracingLab.XRay.Translation;

/// <summary>
/// One pass over a span's attributes: what feeds the name, the http and aws blocks, the status flags, and which
/// attributes those blocks consume (the exporter leaves consumed attributes out of metadata).
/// </summary>
internal sealed class SpanFacts
{
    private bool[] _consumed = new bool[32];
    private bool[] _removed = new bool[32];
    private readonly List<int> _remoteIndexes = [];

    // Naming.
    public string? AwsLocalService;
    public string? AwsRemoteService;
    public string? PeerService;
    public string? AwsService;
    public string? DbName;
    public string? DbConnectionString;

    // SQL: db.* of semconv 1.12 unless DontEmitV0DBConventions, of 1.38 with EmitV1DBConventions (sql.go).
    public string? SqlInstance;
    public string? SqlConnectionString;
    public string? DbSystem;
    public string? DbStatement;
    public string? DbUser;
    public readonly List<int> DbIndexes = [];

    // LOCAL_ROOT handling (aws.span.kind).
    public bool IsLocalRoot;
    public string? RpcService;
    public string? RpcSystem;
    public string? HttpHostForName;
    public string? NetPeerNameForName;

    // HTTP.
    public bool HasHttp;
    public bool HasUrlParts;
    public bool HasNetPeerAddr;
    public string? Method;
    public string? ClientIp;
    public string? UserAgent;
    public long? Status;
    public string? Url;
    public string? Scheme;
    public string? Host;
    public string? Target;
    public string? ServerName;
    public string? NetHostPort;
    public string? HostName;
    public string? NetHostName;
    public string? NetPeerName;
    public string? NetPeerPort;
    public string? NetPeerIp;
    public string? UrlPath;
    public string? UrlQuery;
    public string? ServerAddress;
    public string? ServerPort;
    public string? NetworkPeerPort;
    public string? StatusText;
    public int StatusTextIndex = -1;

    // AWS call.
    public string? Operation;
    public string? RpcMethod;
    public string? AccountId;
    public string? Region;
    public string? RequestId;
    public string? QueueUrl;
    public string? TableName;
    public List<string>? TableNames;

    public string? User;
    public int AnnotationListIndex = -1;

    public ReadOnlySpan<bool> Consumed => _consumed;

    /// <summary>Attributes taken off the span before translation (the local-root service segment's remote ones).</summary>
    public ReadOnlySpan<bool> Removed => _removed;

    /// <summary>segment.go <c>MakeServiceSegmentForLocalRootDependencySpan</c>: the service segment loses
    /// <c>aws.remote.service</c>, <c>aws.remote.operation</c>, <c>remoteTarget</c> and <c>K8s.RemoteNamespace</c>,
    /// and with them every AWS call field.</summary>
    public void RemoveRemoteAttributes()
    {
        foreach (var index in _remoteIndexes)
        {
            _removed[index] = true;
        }
        AwsRemoteService = null;
        Operation = RpcMethod = AccountId = Region = RequestId = QueueUrl = TableName = null;
        TableNames = null;
    }

    /// <summary>The exporter's semantic-convention gates in force for this scan.</summary>
    public Settings.XRayExporterSettings Gates { get; private set; } = Settings.XRayExporterSettings.Lab;

    public void Scan(Span span, Settings.XRayExporterSettings gates)
    {
        Gates = gates;
        Reset(span.Attributes.Count);
        var attributes = span.Attributes;
        for (var i = 0; i < attributes.Count; i++)
        {
            var kv = attributes[i];
            if (ScanHttp(kv.Key, kv.Value) || ScanAws(kv.Key, kv.Value))
            {
                _consumed[i] = true;
                continue;
            }
            ScanOther(i, kv.Key, kv.Value);
        }
        if (!HasNetPeerAddr && ClientIp is not null)
        {
            // A client address that did not come from the socket peer was forwarded (X-Forwarded-For).
            XForwardedFor = true;
        }
        if (Operation is null && RpcMethod is not null)
        {
            Operation = RpcMethod;
        }
    }

    public bool XForwardedFor;

    public void Consume(int index) => _consumed[index] = true;

    private void Reset(int count)
    {
        if (_consumed.Length < count)
        {
            _consumed = new bool[Math.Max(count, _consumed.Length * 2)];
            _removed = new bool[_consumed.Length];
        }
        Array.Clear(_consumed, 0, count);
        Array.Clear(_removed, 0, count);
        _remoteIndexes.Clear();
        AwsLocalService = AwsRemoteService = PeerService = AwsService = DbName = DbConnectionString = null;
        DbSystem = DbStatement = DbUser = SqlInstance = SqlConnectionString = null;
        DbIndexes.Clear();
        IsLocalRoot = false;
        RpcService = RpcSystem = HttpHostForName = NetPeerNameForName = null;
        HasHttp = HasUrlParts = HasNetPeerAddr = XForwardedFor = false;
        Method = ClientIp = UserAgent = Url = Scheme = Host = Target = ServerName = null;
        NetHostPort = HostName = NetHostName = NetPeerName = NetPeerPort = NetPeerIp = null;
        UrlPath = UrlQuery = ServerAddress = ServerPort = NetworkPeerPort = StatusText = null;
        Status = null;
        StatusTextIndex = -1;
        Operation = RpcMethod = AccountId = Region = RequestId = QueueUrl = TableName = null;
        TableNames = null;
        User = null;
        AnnotationListIndex = -1;
    }

    private bool ScanHttp(string key, AnyValue value)
    {
        if (Gates.DontEmitV0HttpNetworkConventions && SemConv.IsV0Http(key))
        {
            // http.go leaves the old keys in metadata; segment.go still names segments after two of them.
            if (key == SemConv.HttpHost)
            {
                HttpHostForName = Str(value);
            }
            else if (key == SemConv.NetPeerName)
            {
                NetPeerNameForName = Str(value);
            }
            return false;
        }
        switch (key)
        {
            case SemConv.HttpMethod or SemConv.HttpRequestMethod:
                Method = Str(value); HasHttp = true; return true;
            case SemConv.HttpClientIp:
                ClientIp = Str(value); HasHttp = true; return true;
            case SemConv.HttpUserAgent or SemConv.UserAgentOriginal:
                UserAgent = Str(value); HasHttp = true; return true;
            case SemConv.HttpStatusCode or SemConv.HttpResponseStatusCode:
                Status = Int(value); HasHttp = true; return true;
            case SemConv.HttpUrl or SemConv.UrlFull:
                Url = Str(value); HasHttp = true; HasUrlParts = true; return true;
            case SemConv.HttpScheme or SemConv.UrlScheme:
                Scheme = Str(value); HasHttp = true; return true;
            case SemConv.HttpHost:
                Host = Str(value); HttpHostForName = Host; HasHttp = true; HasUrlParts = true; return true;
            case SemConv.HttpTarget:
                Target = Str(value); HasHttp = true; return true;
            case SemConv.UrlQuery:
                UrlQuery = Str(value); HasHttp = true; return true;
            case SemConv.HttpServerName:
                ServerName = Str(value); HasHttp = true; HasUrlParts = true; return true;
            case SemConv.NetHostPort:
                NetHostPort = Str(value); HasHttp = true; return true;
            case SemConv.HostName:
                HostName = Str(value); HasUrlParts = true; return true;
            case SemConv.NetHostName:
                NetHostName = Str(value); HasUrlParts = true; return true;
            case SemConv.NetPeerName:
                NetPeerName = Str(value); NetPeerNameForName = NetPeerName; HasUrlParts = true; return true;
            case SemConv.NetPeerPort:
                NetPeerPort = Str(value); return true;
            case SemConv.NetPeerIp:
                NetPeerIp = Str(value);
                // Prefer forwarded information (http.client_ip) when present.
                ClientIp ??= NetPeerIp;
                HasUrlParts = true; HasNetPeerAddr = true; return true;
            case SemConv.NetworkPeerAddress:
                if (IsIp(value))
                {
                    ClientIp ??= value.StringValue;
                    HasUrlParts = true; HasNetPeerAddr = true;
                }
                return true;
            case SemConv.ClientAddress:
                if (IsIp(value))
                {
                    ClientIp = value.StringValue;
                }
                return true;
            case SemConv.UrlPath:
                UrlPath = Str(value); HasHttp = true; return true;
            case SemConv.ServerAddress:
                ServerAddress = Str(value); HasUrlParts = true; return true;
            case SemConv.ServerPort:
                ServerPort = Str(value); return true;
            case SemConv.NetworkPeerPort when Gates.EmitV1HttpNetworkConventions:
                NetworkPeerPort = Str(value); return true;
            default:
                return false;
        }
    }

    private bool ScanAws(string key, AnyValue value)
    {
        switch (key)
        {
            case SemConv.AwsOperation: Operation = Str(value); return true;
            case SemConv.RpcMethod: RpcMethod = Str(value); return true;
            case SemConv.AwsAccountId: AccountId = Str(value); return true;
            case SemConv.AwsRegion: Region = Str(value); return true;
            case SemConv.AwsRequestId or SemConv.AwsRequestId2: RequestId = Str(value); return true;
            case SemConv.AwsQueueUrl or SemConv.AwsQueueUrl2: QueueUrl ??= Str(value); return true;
            case SemConv.AwsTableName or SemConv.AwsTableName2: TableName ??= Str(value); return true;
            default: return false;
        }
    }

    private void ScanOther(int index, string key, AnyValue value)
    {
        switch (key)
        {
            case SemConv.AwsLocalService: AwsLocalService = Str(value); break;
            case SemConv.AwsRemoteService: AwsRemoteService = Str(value); _remoteIndexes.Add(index); break;
            case SemConv.AwsRemoteOperation or SemConv.RemoteTarget or SemConv.K8sRemoteNamespace: _remoteIndexes.Add(index); break;
            case SemConv.PeerService: PeerService = Str(value); break;
            case SemConv.AwsService: AwsService = Str(value); break;
            case SemConv.DbName:
                DbName = Str(value);
                if (!Gates.DontEmitV0DbConventions)
                {
                    SqlInstance = DbName; DbIndexes.Add(index);
                }
                break;
            case SemConv.DbConnectionString:
                DbConnectionString = Str(value);
                if (!Gates.DontEmitV0DbConventions)
                {
                    SqlConnectionString = DbConnectionString; DbIndexes.Add(index);
                }
                break;
            case SemConv.DbSystem when !Gates.DontEmitV0DbConventions: DbSystem = Str(value); DbIndexes.Add(index); break;
            case SemConv.DbStatement when !Gates.DontEmitV0DbConventions: DbStatement = Str(value); DbIndexes.Add(index); break;
            case SemConv.DbUser when !Gates.DontEmitV0DbConventions: DbUser = Str(value); DbIndexes.Add(index); break;
            case SemConv.DbNamespace when Gates.EmitV1DbConventions: SqlInstance = Str(value); DbIndexes.Add(index); break;
            case SemConv.DbSystemName when Gates.EmitV1DbConventions: DbSystem = Str(value); DbIndexes.Add(index); break;
            case SemConv.DbQueryText when Gates.EmitV1DbConventions: DbStatement = Str(value); DbIndexes.Add(index); break;
            case SemConv.UserName when Gates.EmitV1DbConventions: DbUser = Str(value); DbIndexes.Add(index); break;
            case SemConv.AwsSpanKind: IsLocalRoot = Str(value) == SemConv.LocalRoot; break;
            case SemConv.RpcService: RpcService = Str(value); break;
            case SemConv.RpcSystem: RpcSystem = Str(value); break;
            case SemConv.MessagingUrl: QueueUrl = Str(value); break;
            case SemConv.DynamoDbTableNames when value.ValueCase == AnyValue.ValueOneofCase.ArrayValue:
                var names = value.ArrayValue.Values.Select(Str).OfType<string>().ToList();
                if (names.Count == 1)
                {
                    TableName = names[0];
                }
                else if (names.Count > 1)
                {
                    TableNames = names;
                }
                break;
            case SemConv.HttpStatusText:
                StatusText = Str(value); StatusTextIndex = index; break;
            case SemConv.EnduserId:
                User = Str(value); _consumed[index] = true; break;
            case SemConv.XRayAnnotations when value.ValueCase == AnyValue.ValueOneofCase.ArrayValue:
                AnnotationListIndex = index; _consumed[index] = true; break;
            default: break;
        }
    }

    private static string? Str(AnyValue value) => ResourceFacts.Str(value);

    private static long? Int(AnyValue value) => value.ValueCase switch
    {
        AnyValue.ValueOneofCase.IntValue => value.IntValue,
        AnyValue.ValueOneofCase.StringValue when long.TryParse(value.StringValue, System.Globalization.CultureInfo.InvariantCulture, out var n) => n,
        AnyValue.ValueOneofCase.DoubleValue => (long)value.DoubleValue,
        _ => null,
    };

    private static bool IsIp(AnyValue value) =>
        value.ValueCase == AnyValue.ValueOneofCase.StringValue && IPAddress.TryParse(value.StringValue, out _);
}
