using TracingLab.Otlp.Trace.V1;

namespace TracingLab.XRay.Translation;

/// <summary>How a span marked <c>aws.span.kind = LOCAL_ROOT</c> (Application Signals) is written.</summary>
internal enum LocalRoot
{
    /// <summary>Not a local root: the usual single document.</summary>
    No,

    /// <summary>A SERVER or INTERNAL local root: one segment, without type or namespace.</summary>
    WithoutDependency,

    /// <summary>The call of a CLIENT/PRODUCER/CONSUMER local root: a subsegment of the service segment.</summary>
    Dependency,

    /// <summary>The segment standing for the local service of a CLIENT/PRODUCER/CONSUMER local root.</summary>
    Service,
}

/// <summary>segment.go's local-root rules, applied after the usual ones.</summary>
internal static class LocalRoots
{
    public static void Adjust(LocalRoot role, Span span, SpanFacts f, SegmentPlan p)
    {
        switch (role)
        {
            case LocalRoot.WithoutDependency:
                p.Namespace = null;
                if (span.Kind == Span.Types.SpanKind.Internal && !string.IsNullOrEmpty(f.AwsLocalService))
                {
                    p.Name = Names.CleanSegmentName(f.AwsLocalService);
                }
                break;
            case LocalRoot.Dependency:
                p.Namespace ??= "remote";
                if (f.AwsRemoteService is { } remote)
                {
                    p.Name = Names.CleanSegmentName(Rules.NameOfRemote(remote, f));
                }
                break;
            case LocalRoot.Service:
                p.Namespace = null;
                p.HasHttp = false;
                p.WithoutAwsCallFields = true;
                if (f.AwsLocalService is { } local)
                {
                    p.Name = Names.CleanSegmentName(local);
                }
                break;
            default:
                break;
        }
    }
}
