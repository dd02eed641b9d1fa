using Microsoft.Extensions.Time.Testing;
using TracingLab.Tools;

namespace TracingLab.LinkCompare.Tests;

public sealed class ProgressLineTests
{
    [Fact]
    public async Task ARedirectedProgressLineWritesAPlainLineEveryInterval()
    {
        var time = new FakeTimeProvider();
        var writer = new LineSignal();
        long sent = 0;
        await using (ProgressLine.Start(writer, "measuring", TimeSpan.FromSeconds(60), () => sent, time: time))
        {
            sent = 1250;
            time.Advance(ProgressLine.Interval);
            Assert.Equal("measuring: 5 s of 60 s, 1,250 requests", await writer.NextLineAsync());
            sent = 2500;
            time.Advance(ProgressLine.Interval);
            Assert.Equal("measuring: 10 s of 60 s, 2,500 requests", await writer.NextLineAsync());
        }

        Assert.DoesNotContain('\r', writer.ToString());
    }

    /// <summary>A writer that hands each written line to the test as it is written.</summary>
    private sealed class LineSignal : StringWriter
    {
        private readonly System.Threading.Channels.Channel<string> _lines = System.Threading.Channels.Channel.CreateUnbounded<string>();

        public override Task WriteLineAsync(string? value)
        {
            base.WriteLine(value);
            _lines.Writer.TryWrite(value ?? "");
            return Task.CompletedTask;
        }

        public async Task<string> NextLineAsync() => await _lines.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
    }
}
