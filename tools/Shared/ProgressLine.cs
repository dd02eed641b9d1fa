using System.Globalization;

namespace TracingLab.Tools;

/// <summary>
/// A progress line for a long, otherwise silent phase ("measuring: 25 of 60 s, 3,750 requests"), every
/// <see cref="Interval"/>. On a terminal it rewrites one line; when the stream is redirected (CI logs, tests) it writes
/// plain lines, because carriage returns turn a log into one unreadable line.
/// </summary>
internal sealed class ProgressLine : IAsyncDisposable
{
    /// <summary>How often the line is updated.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly TextWriter _writer;
    private readonly bool _rewrite;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _width;

    private ProgressLine(TextWriter writer, bool rewrite, string phase, TimeSpan? total, Func<long>? count, string unit, TimeProvider time)
    {
        _writer = writer;
        _rewrite = rewrite;
        _loop = RunAsync(phase, total, count, unit, time);
    }

    /// <summary>Starts the line for <paramref name="phase"/>; <paramref name="count"/> reads how many <paramref name="unit"/> so far.</summary>
    public static ProgressLine Start(
        TextWriter writer, string phase, TimeSpan? total, Func<long>? count = null, string unit = "requests", TimeProvider? time = null) =>
        new(writer, ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected, phase, total, count, unit, time ?? TimeProvider.System);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        if (_rewrite && _width > 0)
        {
            await _writer.WriteAsync("\r" + new string(' ', _width) + "\r").ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private async Task RunAsync(string phase, TimeSpan? total, Func<long>? count, string unit, TimeProvider time)
    {
        var started = time.GetTimestamp();
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                var elapsed = time.GetElapsedTime(started).TotalSeconds;
                var text = string.Create(CultureInfo.InvariantCulture, $"{phase}: {elapsed:0} s")
                    + (total is { } t ? string.Create(CultureInfo.InvariantCulture, $" of {t.TotalSeconds:0} s") : "")
                    + (count is null ? "" : string.Create(CultureInfo.InvariantCulture, $", {count():N0} {unit}"));
                if (_rewrite)
                {
                    await _writer.WriteAsync("\r" + text.PadRight(_width)).ConfigureAwait(false);
                    _width = Math.Max(_width, text.Length);
                }
                else
                {
                    await _writer.WriteLineAsync(text).ConfigureAwait(false);
                }

                await _writer.FlushAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped by DisposeAsync.
        }
    }
}
