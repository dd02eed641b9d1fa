using TracingLab.Otlp.Common.V1;

namespace TracingLab.Dashboard.Store;

/// <summary>A distinct instrumentation scope, shared by every record it produced.</summary>
public sealed class ScopeInfo(InstrumentationScope proto)
{
    public string Name => Proto.Name;

    public InstrumentationScope Proto { get; } = proto;
}
