using System.Globalization;
using TracingLab.Otlp.Trace.V1;

namespace TracingLab.XRay.Translation;

/// <summary>
/// The <c>cause</c> block: <c>exception</c> events become <c>cause.exceptions</c>; without such events a span with
/// status Error and a message gets one exception carrying that message (the exporter's OpenCensus fallback).
/// </summary>
internal static class Causes
{
    public static List<ExceptionInfo>? Build(Span span, SpanFacts facts, ResourceFacts resource)
    {
        var hasExceptionEvent = false;
        foreach (var e in span.Events)
        {
            if (e.Name == SemConv.ExceptionEvent)
            {
                hasExceptionEvent = true;
                break;
            }
        }

        if (hasExceptionEvent)
        {
            var remote = span.Kind is Span.Types.SpanKind.Client or Span.Types.SpanKind.Producer;
            var parseDotnet = resource.SdkLanguage == "dotnet";
            var list = new List<ExceptionInfo>();
            var index = 0;
            foreach (var e in span.Events)
            {
                if (e.Name != SemConv.ExceptionEvent)
                {
                    continue;
                }
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
                var frames = parseDotnet && !string.IsNullOrEmpty(stack) ? ParseDotnetStack(stack) : [];
                list.Add(new ExceptionInfo(ExceptionId(span, index++), type ?? "", message ?? "", remote, frames));
            }
            return list;
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

    /// <summary>
    /// Parses <c>Exception.ToString()</c> text: "   at Label in /path/File.cs:line 42" or "   at Label()".
    /// The first line (type and message) is skipped, as the exporter does.
    /// </summary>
    internal static List<StackFrameInfo> ParseDotnetStack(string stack)
    {
        var frames = new List<StackFrameInfo>();
        var first = true;
        foreach (var raw in stack.AsSpan().EnumerateLines())
        {
            if (first)
            {
                first = false;
                continue;
            }
            var line = raw.Trim();
            if (!line.StartsWith("at ", StringComparison.Ordinal))
            {
                continue;
            }
            var inIndex = line.IndexOf(" in ", StringComparison.Ordinal);
            if (inIndex >= 0)
            {
                var label = line[3..inIndex];
                var path = line[(inIndex + 4)..];
                var number = 0;
                var colon = path.LastIndexOf(':');
                if (colon >= 0)
                {
                    var lineText = path[(colon + 1)..];
                    if (lineText.StartsWith("line ", StringComparison.Ordinal))
                    {
                        lineText = lineText[5..];
                    }
                    _ = int.TryParse(lineText, NumberStyles.Integer, CultureInfo.InvariantCulture, out number);
                    path = path[..colon];
                }
                frames.Add(new StackFrameInfo(path.ToString(), label.ToString(), number));
            }
            else
            {
                var close = line.LastIndexOf(')');
                if (close >= 0)
                {
                    frames.Add(new StackFrameInfo("", line[3..(close + 1)].ToString(), 0));
                }
            }
        }
        return frames;
    }

    /// <summary>
    /// The exporter draws exception ids at random; the lab derives them from the span id and the event's position
    /// so a translation is repeatable (golden files, comparisons). Still 16 hex digits, unique within the span.
    /// </summary>
    private static string ExceptionId(Span span, int index)
    {
        var spanId = span.SpanId.Span;
        Span<byte> bytes = stackalloc byte[8];
        ulong h = 14695981039346656037UL;
        foreach (var b in spanId)
        {
            h = (h ^ b) * 1099511628211UL;
        }
        h = (h ^ (ulong)(index + 1)) * 1099511628211UL;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes, h);
        return Convert.ToHexStringLower(bytes);
    }
}
