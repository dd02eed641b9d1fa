using TracingLab.LinkCompare.Load;

namespace TracingLab.LinkCompare.Tests;

public sealed class WarmupWatchTests
{
    [Fact]
    public void MediansThatFallAsTheServicesWarmAreNotSteadyUntilTheySettle()
    {
        // The shape of a freshly started lab (docs/benchmarks.md): 16 ms, 9 ms, 3 ms, then about 1.8 ms.
        var watch = new WarmupWatch();
        Assert.False(watch.AddSlice(Slice(16)));
        Assert.False(watch.AddSlice(Slice(9)));
        Assert.False(watch.AddSlice(Slice(3)));
        Assert.False(watch.AddSlice(Slice(1.85)));
        Assert.False(watch.AddSlice(Slice(1.80)), "one steady step is not enough");
        Assert.True(watch.AddSlice(Slice(1.83)));
        Assert.Equal([16, 9, 3, 1.85, 1.80, 1.83], watch.Medians);
    }

    [Fact]
    public void AJumpStartsTheCountAgain()
    {
        var watch = new WarmupWatch();
        watch.AddSlice(Slice(2));
        watch.AddSlice(Slice(2));
        Assert.False(watch.AddSlice(Slice(3)));
        Assert.False(watch.AddSlice(Slice(3)));
        Assert.True(watch.AddSlice(Slice(3.1)));
    }

    [Fact]
    public void SteadyLatencyStillRunsTheMinimumSlices()
    {
        var watch = new WarmupWatch();
        Assert.False(watch.AddSlice(Slice(1)));
        Assert.False(watch.AddSlice(Slice(1)));
        Assert.True(watch.AddSlice(Slice(1)));
    }

    [Fact]
    public void SubMillisecondMediansMayMoveByTheAbsoluteTolerance()
    {
        var watch = new WarmupWatch();
        watch.AddSlice(Slice(0.20));
        watch.AddSlice(Slice(0.24));
        Assert.True(watch.AddSlice(Slice(0.20)), "0.04 ms is 20 % of 0.2 ms but within 0.05 ms");
    }

    [Fact]
    public void ASliceWithoutAnswersIsNeverSteady()
    {
        var watch = new WarmupWatch();
        watch.AddSlice(Slice(1));
        watch.AddSlice(Slice(1));
        Assert.False(watch.AddSlice([]));
        Assert.True(double.IsNaN(watch.Medians[^1]));
        Assert.False(watch.AddSlice(Slice(1)));
    }

    [Fact]
    public void TheMedianOfASliceIgnoresItsOutliers()
    {
        var watch = new WarmupWatch();
        watch.AddSlice([1, 1, 1, 1, 90]);
        watch.AddSlice([1, 1, 1, 80, 90, 1, 1]);
        Assert.Equal([1, 1], watch.Medians);
    }

    private static double[] Slice(double median) => [median * 0.9, median, median, median * 1.5, median * 0.95];
}
