namespace TracingLab.XRay.Translation;

/// <summary>
/// Attribute keys the translation reads: OpenTelemetry semantic conventions (old v1.12 and new v1.27 names) and the
/// awsxray exporter's own keys. Kept in one place so docs/xray.md and the code name the same strings.
/// </summary>
internal static class SemConv
{
    // HTTP, old conventions (semconv 1.12).
    public const string HttpMethod = "http.method";
    public const string HttpClientIp = "http.client_ip";
    public const string HttpUserAgent = "http.user_agent";
    public const string HttpStatusCode = "http.status_code";
    public const string HttpUrl = "http.url";
    public const string HttpScheme = "http.scheme";
    public const string HttpHost = "http.host";
    public const string HttpTarget = "http.target";
    public const string HttpServerName = "http.server_name";
    public const string HttpStatusText = "http.status_text";
    public const string NetHostPort = "net.host.port";
    public const string NetHostName = "net.host.name";
    public const string HostName = "host.name";
    public const string NetPeerName = "net.peer.name";
    public const string NetPeerPort = "net.peer.port";
    public const string NetPeerIp = "net.peer.ip";

    /// <summary>The old (v0) HTTP and net keys that the exporter's DontEmitV0HTTPNetworkConventions gate takes out of
    /// the http block.</summary>
    public static bool IsV0Http(string key) => key is HttpMethod or HttpClientIp or HttpUserAgent or HttpStatusCode or HttpUrl
        or HttpScheme or HttpHost or HttpTarget or HttpServerName or NetHostPort or HostName or NetHostName or NetPeerName
        or NetPeerPort or NetPeerIp;

    // HTTP, new conventions (semconv 1.27).
    public const string HttpRequestMethod = "http.request.method";
    public const string HttpResponseStatusCode = "http.response.status_code";
    public const string UrlFull = "url.full";
    public const string UrlScheme = "url.scheme";
    public const string UrlPath = "url.path";
    public const string UrlQuery = "url.query";
    public const string UserAgentOriginal = "user_agent.original";
    public const string ClientAddress = "client.address";
    public const string NetworkPeerAddress = "network.peer.address";
    public const string ServerAddress = "server.address";
    public const string ServerPort = "server.port";
    public const string NetworkPeerPort = "network.peer.port";
    public const string MessagingBodySize = "messaging.message.body.size";

    // Naming and namespace.
    public const string PeerService = "peer.service";
    public const string AwsService = "aws.service";
    public const string DbName = "db.name";
    public const string DbConnectionString = "db.connection_string";
    public const string DbSystem = "db.system";
    public const string DbStatement = "db.statement";
    public const string DbUser = "db.user";
    public const string DbNamespace = "db.namespace";
    public const string DbSystemName = "db.system.name";
    public const string DbQueryText = "db.query.text";
    public const string UserName = "user.name";
    public const string RpcService = "rpc.service";
    public const string RpcSystem = "rpc.system";
    public const string RpcMethod = "rpc.method";
    public const string AwsLocalService = "aws.local.service";
    public const string AwsRemoteService = "aws.remote.service";
    public const string AwsApiRpcSystem = "aws-api";
    public const string AwsSpanKind = "aws.span.kind";
    public const string LocalRoot = "LOCAL_ROOT";
    public const string AwsRemoteOperation = "aws.remote.operation";
    public const string RemoteTarget = "remoteTarget";
    public const string K8sRemoteNamespace = "K8s.RemoteNamespace";

    // AWS call attributes (span).
    public const string AwsOperation = "aws.operation";
    public const string AwsAccountId = "aws.account_id";
    public const string AwsRegion = "aws.region";
    public const string AwsRequestId = "aws.request_id";
    public const string AwsRequestId2 = "aws.requestId";
    public const string AwsQueueUrl = "aws.queue_url";
    public const string AwsQueueUrl2 = "aws.queue.url";
    public const string AwsTableName = "aws.table_name";
    public const string AwsTableName2 = "aws.table.name";
    public const string MessagingUrl = "messaging.url";
    public const string DynamoDbTableNames = "aws.dynamodb.table_names";
    public const string MessageType = "message.type";
    public const string MessagingPayloadSize = "messaging.message_payload_size_bytes";

    // Exporter controls.
    public const string XRayAnnotations = "aws.xray.annotations";
    public const string XRayMetadataPrefix = "aws.xray.metadata.";
    public const string EnduserId = "enduser.id";

    // Exceptions.
    public const string ExceptionEvent = "exception";
    public const string ExceptionType = "exception.type";
    public const string ExceptionMessage = "exception.message";
    public const string ExceptionStacktrace = "exception.stacktrace";

    // Resource.
    public const string ServiceName = "service.name";
    public const string ServiceVersion = "service.version";
    public const string ServiceNamespace = "service.namespace";
    public const string ServiceInstanceId = "service.instance.id";
    public const string ContainerImageTag = "container.image.tag";
    public const string CloudProvider = "cloud.provider";
    public const string CloudPlatform = "cloud.platform";
    public const string CloudAccountId = "cloud.account.id";
    public const string CloudAvailabilityZone = "cloud.availability_zone";
    public const string HostId = "host.id";
    public const string HostType = "host.type";
    public const string HostImageId = "host.image.id";
    public const string ContainerName = "container.name";
    public const string ContainerId = "container.id";
    public const string K8sPodName = "k8s.pod.name";
    public const string K8sClusterName = "k8s.cluster.name";
    public const string EcsClusterArn = "aws.ecs.cluster.arn";
    public const string EcsContainerArn = "aws.ecs.container.arn";
    public const string EcsTaskArn = "aws.ecs.task.arn";
    public const string EcsTaskFamily = "aws.ecs.task.family";
    public const string EcsLaunchType = "aws.ecs.launchtype";
    public const string LogGroupNames = "aws.log.group.names";
    public const string LogGroupArns = "aws.log.group.arns";
    public const string TelemetrySdkName = "telemetry.sdk.name";
    public const string TelemetrySdkLanguage = "telemetry.sdk.language";
    public const string TelemetrySdkVersion = "telemetry.sdk.version";
    public const string TelemetryAutoVersion = "telemetry.auto.version";
}
