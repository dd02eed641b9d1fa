using System.Diagnostics;
using TracingLab.ServiceDefaults.Telemetry;

namespace ServiceDefaults.Tests;

/// <summary>An activity source whose activities are all recorded, with ServiceDefaults' trace-id generator installed.</summary>
internal sealed class RecordedSource : IDisposable
{
    private readonly ActivityListener _listener;

    public RecordedSource(string name)
    {
        Activity.TraceIdGenerator = XRayTraceIdGenerator.NewId;
        Source = new ActivitySource(name);
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public ActivitySource Source { get; }

    public void Dispose()
    {
        _listener.Dispose();
        Source.Dispose();
    }
}
