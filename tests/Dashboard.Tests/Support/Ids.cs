using System.Diagnostics;
using TracingLab.Dashboard.Store;

namespace TracingLab.Dashboard.Tests.Support;

public static class Ids
{
    public static TraceId Parse(string text) => TraceId.TryParse(text, out var id) ? id : throw new ArgumentException($"'{text}' is not a trace id");

    public static TraceId Parse(byte[] bytes) => TraceId.TryFromBytes(bytes, out var id) ? id : throw new ArgumentException("not a trace id");

    public static TraceId Parse(ActivityTraceId id) => Parse(id.ToHexString());
}
