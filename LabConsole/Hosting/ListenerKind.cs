namespace TracingLab.Dashboard.Hosting;

/// <summary>Which of the three Kestrel endpoints a connection arrived on.</summary>
internal enum ListenerKind
{
    Ui,
    OtlpGrpc,
    OtlpHttp,
}

/// <summary>Endpoint metadata: the listener an endpoint is served on. Endpoints without it belong to the UI port.</summary>
internal sealed record ListenerMetadata(ListenerKind Kind);
