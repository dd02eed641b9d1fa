using System.Globalization;
using TracingLab.Otlp.Common.V1;
using TracingLab.Otlp.Trace.V1;

namespace TracingLab.XRay.Translation;

/// <summary>
/// cause.go: every <c>exception</c> event becomes an entry of <c>cause.exceptions</c> (whatever the span status), with
/// its stack parsed for the SDK's language; AWS SDK spans add their "HTTP request failure" events. Without such
/// events a span with status Error and a message gets one exception carrying that message (the exporter's
/// OpenCensus fallback).
/// </summary>
internal static class Causes
{
    private const string AwsHttpFailureEvent = "HTTP request failure";
    private const string AwsHttpErrorType = "aws.http.error.event";
    private const string AwsHttpErrorMessage = "aws.http.error_message";

    public static List<ExceptionInfo>? Build(Span span, SpanFacts facts, ResourceFacts resource)
    {
        var isAwsSdk = facts.RpcSystem == SemConv.AwsApiRpcSystem;
        var hasEvents = false;
        var events = span.Events;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (e.Name == SemConv.ExceptionEvent || (isAwsSdk && e.Name == AwsHttpFailureEvent))
            {
                hasEvents = true;
                break;
            }
        }
        if (hasEvents)
        {
            return FromEvents(span, isAwsSdk, resource.SdkLanguage ?? "");
        }
        if (span.Status?.Code != Status.Types.StatusCode.Error)
        {
            return null;
        }

        var text = span.Status.Message;
        if (facts.StatusTextIndex >= 0)
        {
            // The fallback consumes http.status_text, using it when the status has no message.
            facts.Consume(facts.StatusTextIndex);
            if (string.IsNullOrEmpty(text))
            {
                text = facts.StatusText;
            }
        }
        return string.IsNullOrEmpty(text) ? null : [new ExceptionInfo(ExceptionId(span, 0), "", text, null, [])];
    }

    private static List<ExceptionInfo> FromEvents(Span span, bool isAwsSdk, string language)
    {
        var remote = span.Kind is Span.Types.SpanKind.Client or Span.Types.SpanKind.Producer;
        var list = new List<ExceptionInfo>();
        string NewId() => ExceptionId(span, list.Count);
        foreach (var e in span.Events)
        {
            if (e.Name == SemConv.ExceptionEvent)
            {
                string? type = null, message = null, stack = null;
                foreach (var kv in e.Attributes)
                {
                    switch (kv.Key)
                    {
                        case SemConv.ExceptionType: type = ResourceFacts.Str(kv.Value); break;
                        case SemConv.ExceptionMessage: message = ResourceFacts.Str(kv.Value); break;
                        case SemConv.ExceptionStacktrace: stack = ResourceFacts.Str(kv.Value); break;
                        default: break;
                    }
                }
                list.Add(new ExceptionInfo(NewId(), type ?? "", message ?? "", remote, []));
                if (!string.IsNullOrEmpty(stack))
                {
                    StackTraces.Fill(language, stack, list, NewId);
                }
            }
            else if (isAwsSdk && e.Name == AwsHttpFailureEvent && AwsHttpFailure(e) is { } message)
            {
                list.Add(new ExceptionInfo(NewId(), AwsHttpErrorType, message, true, []));
            }
        }
        return list;
    }

    /// <summary>"{status}@{event time in seconds, 6 decimals}@{error message}", when both attributes are present.</summary>
    private static string? AwsHttpFailure(Span.Types.Event e)
    {
        AnyValue? code = null;
        string? message = null;
        foreach (var kv in e.Attributes)
        {
            if (kv.Key == SemConv.HttpResponseStatusCode)
            {
                code = kv.Value;
            }
            else if (kv.Key == AwsHttpErrorMessage)
            {
                message = ResourceFacts.Str(kv.Value) ?? "";
            }
        }
        if (code is null || message is null)
        {
            return null;
        }
        var seconds = (e.TimeUnixNano / 1000UL) / 1e6;
        return ResourceFacts.Str(code) + "@" + seconds.ToString("F6", CultureInfo.InvariantCulture) + "@" + message;
    }

    /// <summary>
    /// The exporter draws exception ids at random; the lab derives them from the span id and the exception's position
    /// so a translation is repeatable (golden files, comparisons). Still 16 hex digits, unique within the span.
    /// </summary>
    internal static string ExceptionId(Span span, int index) => DerivedId(span.SpanId.Span, (ulong)(index + 1));

    /// <summary>FNV-1a over the span id and a salt: a stable 16-hex id standing in for one the exporter draws at random.</summary>
    internal static string DerivedId(ReadOnlySpan<byte> spanId, ulong salt)
    {
        var h = 14695981039346656037UL;
        foreach (var b in spanId)
        {
            h = (h ^ b) * 1099511628211UL;
        }
        h = (h ^ salt) * 1099511628211UL;
        Span<byte> bytes = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes, h);
        return Convert.ToHexStringLower(bytes);
    }
}
