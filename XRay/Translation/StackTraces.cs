using System.Globalization;
using System.Text.RegularExpressions;

namespace TracingLab.XRay.Translation;

/// <summary>
/// cause.go's stack-trace readers, one per <c>telemetry.sdk.language</c>: frames go to the first exception; a chained
/// cause (Java "Caused by:", Python "During handling…") becomes a further exception that the previous one names in
/// <c>cause</c>. Malformed text gives fewer frames, never an error.
/// </summary>
internal static partial class StackTraces
{
    /// <summary>Parses <paramref name="stack"/> into <paramref name="exceptions"/> (holding the event's exception).</summary>
    public static void Fill(string language, string stack, List<ExceptionInfo> exceptions, Func<string> newId)
    {
        switch (language)
        {
            case "java" or "php": Java(stack, exceptions, newId); break;
            case "python": Python(stack, exceptions, newId); break;
            case "javascript" or "nodejs" or "webjs": JavaScript(stack, exceptions[^1]); break;
            case "dotnet": Dotnet(stack, exceptions[^1]); break;
            case "go": Go(stack, exceptions[^1]); break;
            default: break;
        }
    }

    private static void Java(string stack, List<ExceptionInfo> exceptions, Func<string> newId)
    {
        var lines = stack.TrimEnd('\r', '\n').Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        var current = exceptions[^1];
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i];
            if (IsJavaFrame(line))
            {
                var paren = line.IndexOf('(', StringComparison.Ordinal);
                var label = line[4..paren];
                var slash = label.IndexOf('/', StringComparison.Ordinal);
                label = slash >= 0 ? label[(slash + 1)..] : label;
                var path = line[(paren + 1)..^1];
                var number = 0;
                var colon = path.IndexOf(':', StringComparison.Ordinal);
                if (colon >= 0)
                {
                    _ = int.TryParse(path[(colon + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out number);
                    path = path[..colon];
                }
                current.Stack.Add(new StackFrameInfo(path, label, number));
            }
            else if (line.StartsWith("Caused by: ", StringComparison.Ordinal))
            {
                var type = line["Caused by: ".Length..];
                var message = "";
                var colon = type.IndexOf(':', StringComparison.Ordinal);
                if (colon >= 0)
                {
                    message = colon + 2 <= type.Length ? type[(colon + 2)..] : "";
                    type = type[..colon];
                }
                // The message may span lines, up to the next frame.
                while (i + 1 < lines.Length && !IsJavaFrame(lines[i + 1]))
                {
                    message += lines[++i];
                }
                current = Chain(exceptions, current, type, message, newId);
            }
        }
    }

    private static bool IsJavaFrame(string line) =>
        line.StartsWith("\tat ", StringComparison.Ordinal) && line.Contains('(', StringComparison.Ordinal) && line.EndsWith(')');

    private static void Python(string stack, List<ExceptionInfo> exceptions, Func<string> newId)
    {
        // Python prints the innermost frame last, so the text is read bottom-up, skipping the final "Type: message".
        var lines = stack.Split('\n');
        var current = exceptions[^1];
        for (var i = lines.Length - 2; i >= 0; i--)
        {
            var line = lines[i];
            if (line.StartsWith("  File ", StringComparison.Ordinal))
            {
                var parts = line.Split(',');
                if (parts.Length == 3 && parts[0].Length >= 9)
                {
                    var number = 0;
                    if (parts[1].StartsWith(" line ", StringComparison.Ordinal))
                    {
                        _ = int.TryParse(parts[1][6..], NumberStyles.Integer, CultureInfo.InvariantCulture, out number);
                    }
                    var label = parts[2].StartsWith(" in ", StringComparison.Ordinal) ? parts[2][4..] : "";
                    current.Stack.Add(new StackFrameInfo(parts[0][8..^1], label, number));
                }
            }
            else if (line.StartsWith("During handling of the above exception, another exception occurred:", StringComparison.Ordinal))
            {
                var next = i - 1;
                while (next >= 0 && !lines[next].StartsWith("  File ", StringComparison.Ordinal))
                {
                    next--;
                }
                if (next < 0 || next + 2 > i - 1)
                {
                    return;
                }
                var text = string.Join("\n", lines[(next + 2)..(i - 1)]);
                var colon = text.IndexOf(':', StringComparison.Ordinal);
                if (colon < 0)
                {
                    return;
                }
                current = Chain(exceptions, current, text[..colon], colon + 2 <= text.Length ? text[(colon + 2)..] : "", newId);
                i = next + 1;
            }
        }
    }

    private static void JavaScript(string stack, ExceptionInfo exception)
    {
        foreach (var line in stack.Split('\n').Skip(1).Select(l => l.TrimEnd('\r')))
        {
            if (!line.StartsWith("    at ", StringComparison.Ordinal))
            {
                continue;
            }
            var paren = line.IndexOf('(', StringComparison.Ordinal);
            string label = "", path = "";
            if (paren >= 0 && line.EndsWith(')'))
            {
                label = line[7..paren];
                path = line[(paren + 1)..^1];
            }
            else if (paren < 0)
            {
                path = line[7..];
            }
            var number = 0;
            var first = path.IndexOf(':', StringComparison.Ordinal);
            var second = first >= 0 ? path.IndexOf(':', first + 1) : -1;
            if (second > first && first >= 0)
            {
                _ = int.TryParse(path[(first + 1)..second], NumberStyles.Integer, CultureInfo.InvariantCulture, out number);
                path = path[..first];
            }
            else if (first < 0 && path.Contains("native", StringComparison.Ordinal))
            {
                path = "native";
            }
            if (path.Length > 0 || label.Length > 0 || number != 0)
            {
                exception.Stack.Add(new StackFrameInfo(path, label, number));
            }
        }
    }

    /// <summary><c>Exception.ToString()</c>: "at Label in /path/File.cs:line 42" or "at Label()".</summary>
    private static void Dotnet(string stack, ExceptionInfo exception)
    {
        foreach (var raw in stack.Split('\n').Skip(1))
        {
            var line = raw.Trim();
            if (!line.StartsWith("at ", StringComparison.Ordinal))
            {
                continue;
            }
            var inIndex = line.IndexOf(" in ", StringComparison.Ordinal);
            if (inIndex >= 0)
            {
                // Like the exporter, the path is what lies between the first and a second " in ".
                var path = line[(inIndex + 4)..];
                var second = path.IndexOf(" in ", StringComparison.Ordinal);
                path = second >= 0 ? path[..second] : path;
                var number = 0;
                var colon = path.LastIndexOf(':');
                if (colon >= 0)
                {
                    var lineText = path[(colon + 1)..];
                    lineText = lineText.StartsWith("line", StringComparison.Ordinal) && lineText.Length >= 5 ? lineText[5..] : lineText;
                    _ = int.TryParse(lineText, NumberStyles.Integer, CultureInfo.InvariantCulture, out number);
                    path = path[..colon];
                }
                exception.Stack.Add(new StackFrameInfo(path, line[3..inIndex], number));
            }
            else if (line.LastIndexOf(')') is var close and >= 0)
            {
                exception.Stack.Add(new StackFrameInfo("", line[3..(close + 1)], 0));
            }
        }
    }

    /// <summary>A Go panic trace: after the "goroutine N [running]:" line, pairs of "function" and "\tpath:line +0x..".</summary>
    private static void Go(string stack, ExceptionInfo exception)
    {
        var lines = stack.TrimEnd('\r', '\n').Split('\n').Skip(1).Select(l => l.TrimEnd('\r')).ToList();
        string path = "";
        var number = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            if (GoroutineLine().IsMatch(lines[i]))
            {
                i++;
            }
            var label = i < lines.Count ? lines[i] : "";
            var location = ++i < lines.Count ? GoLocation().Match(lines[i]) : Match.Empty;
            if (location.Success)
            {
                path = location.Groups[1].Value;
                number = int.TryParse(location.Groups[2].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
            }
            exception.Stack.Add(new StackFrameInfo(path, label, number));
        }
    }

    private static ExceptionInfo Chain(List<ExceptionInfo> exceptions, ExceptionInfo current, string type, string message, Func<string> newId)
    {
        var next = new ExceptionInfo(newId(), type, message, current.Remote, []);
        exceptions.Add(next);
        current.Cause = next.Id;
        return next;
    }

    [GeneratedRegex(@"^goroutine.*\brunning\b.*:$")]
    private static partial Regex GoroutineLine();

    [GeneratedRegex(@"([^:\s]+):(\d+)")]
    private static partial Regex GoLocation();
}
