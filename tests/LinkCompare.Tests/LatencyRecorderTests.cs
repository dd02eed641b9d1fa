using TracingLab.LinkCompare.Recording;

namespace TracingLab.LinkCompare.Tests;

public sealed class LatencyRecorderTests
{
    [Fact]
    public void PercentilesOfAUniformSpreadAreWithinTheHistogramsPrecision()
    {
        var recorder = new LatencyRecorder();
        for (var ms = 1; ms <= 1000; ms++)
        {
            recorder.Record(TimeSpan.FromMilliseconds(ms));
        }

        var s = recorder.Summary();
        Assert.Equal(1000, s.Count);
        // 3 significant digits: each value is within 0.1 % of the true one.
        Assert.InRange(s.MinMs, 0.999, 1.001);
        Assert.InRange(s.P50Ms, 499.5, 500.6);
        Assert.InRange(s.P90Ms, 899.1, 901);
        Assert.InRange(s.P99Ms, 989, 991);
        Assert.InRange(s.P999Ms, 998, 1000.6);
        Assert.InRange(s.MaxMs, 999, 1001);
        Assert.InRange(s.MeanMs, 500, 501);
    }

    [Fact]
    public void TheCdfRisesMonotonicallyToTheMaximumWithTailPoints()
    {
        var recorder = new LatencyRecorder();
        foreach (var ms in new[] { 0.2, 0.3, 0.3, 0.4, 5, 120 })
        {
            recorder.RecordMilliseconds(ms);
        }

        var cdf = recorder.Cdf();
        Assert.Equal(102, cdf.Count);
        Assert.Contains(cdf, p => p.Fraction == 0.999);
        Assert.Contains(cdf, p => p.Fraction == 0.9999);
        for (var i = 1; i < cdf.Count; i++)
        {
            Assert.True(cdf[i].Fraction > cdf[i - 1].Fraction, $"fractions not increasing at {i}");
            Assert.True(cdf[i].ValueMs >= cdf[i - 1].ValueMs, $"values decreasing at {i}: {cdf[i - 1]} then {cdf[i]}");
        }

        Assert.Equal(1.0, cdf[^1].Fraction);
        Assert.InRange(cdf[^1].ValueMs, 119.9, 120.1);
        Assert.InRange(cdf[49].ValueMs, 0.299, 0.301);
    }

    [Fact]
    public void AnEmptyRecorderSummarisesToZeroAndHasNoCdf()
    {
        var recorder = new LatencyRecorder();
        Assert.Equal(0, recorder.Summary().Count);
        Assert.Equal(0, recorder.Summary().P99Ms);
        Assert.Empty(recorder.Cdf());
    }

    [Fact]
    public void NegativeAndNonFiniteValuesAreClampedNotThrown()
    {
        var recorder = new LatencyRecorder();
        recorder.RecordMilliseconds(-3);
        recorder.RecordMilliseconds(double.NaN);
        Assert.Equal(2, recorder.Count);
        Assert.InRange(recorder.Summary().MinMs, 0, 0.002);
    }

    [Fact]
    public async Task SummariesCanBeReadWhileValuesAreRecorded()
    {
        // The compare command posts live figures while requests are recorded; HdrHistogram's own iterators throw
        // "Source has been modified during enumeration" when a value lands mid-read.
        var recorder = new LatencyRecorder();
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            var i = 0;
            while (!stop.IsCancellationRequested)
            {
                recorder.RecordMilliseconds(1 + (i++ % 5000) / 10.0);
            }
        });

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (recorder.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Yield();
        }

        for (var reads = 0; reads < 300; reads++)
        {
            var summary = recorder.Summary();
            var cdf = recorder.Cdf();
            Assert.True(summary.MaxMs >= summary.P50Ms, $"max {summary.MaxMs} < p50 {summary.P50Ms}");
            Assert.True(cdf.Count is 0 or 102, $"{cdf.Count} CDF points");
        }

        await stop.CancelAsync();
        await writer.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(recorder.Count > 0, "the writer recorded nothing");
    }
}
