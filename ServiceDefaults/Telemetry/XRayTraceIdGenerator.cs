using System.Diagnostics;
using TracingLab.Contracts.Telemetry;

namespace TracingLab.ServiceDefaults.Telemetry;

/// <summary>
/// The <see cref="Activity.TraceIdGenerator"/> the services install: every new trace gets an X-Ray compatible id
/// (<see cref="XRayTraceId"/>), or the Root an incoming <c>X-Amzn-Trace-Id</c> named without a parent.
/// </summary>
public static class XRayTraceIdGenerator
{
    // A Root-only X-Amzn-Trace-Id (as an ALB sends) names the trace but no parent span. The runtime propagator parks
    // the root here just before ASP.NET Core creates its root activity, and the generator hands it out exactly once.
    private static readonly AsyncLocal<ActivityTraceId?> PendingRoot = new();

    /// <summary>Generates a new X-Ray compatible id for the current time, or the pending Root of this request.</summary>
    public static ActivityTraceId NewId() => TakePendingRoot() ?? XRayTraceId.New(DateTimeOffset.UtcNow).ToActivityTraceId();

    internal static void SetPendingRoot(ActivityTraceId root) => PendingRoot.Value = root;

    private static ActivityTraceId? TakePendingRoot()
    {
        var root = PendingRoot.Value;
        if (root is not null)
        {
            PendingRoot.Value = null;
        }

        return root;
    }
}
