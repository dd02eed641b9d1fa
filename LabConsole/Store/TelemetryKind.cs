namespace TracingLab.Dashboard.Store;

public enum TelemetryKind
{
    Traces = 0,
    Logs = 1,
    Metrics = 2,
}
