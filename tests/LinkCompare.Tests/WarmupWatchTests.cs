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
        Assert.False(watch.AddSlice(Slice(1.80)));
        Assert.False(watch.AddSlice(Slice(1.83)), "1.83 against the window 16, 9, 3");
        Assert.False(watch.AddSlice(Slice(1.82)), "1.82 against the window 9, 3, 1.85");
        Assert.True(watch.AddSlice(Slice(1.84)));
        Assert.Equal([16, 9, 3, 1.85, 1.80, 1.83, 1.82, 1.84], watch.Medians);
    }

    [Fact]
    public void ALabStillFallingByStepsIsNotSteadyThoughNeighbouringSlicesAgree()
    {
        // The slice medians of a real default comparison's warm-up; the measured run that followed had an end-to-end
        // p50 of 2.9 ms. Consecutive slices moved by 3.6 % and 5.9 % at the end.
        double[] medians = [10.14, 12.87, 12.53, 54.30, 13.23, 7.16, 6.20, 6.71, 5.77, 5.98, 6.33];
        var watch = new WarmupWatch();

        Assert.All(medians, m => Assert.False(watch.AddSlice(Slice(m)), $"steady at {m} ms"));

        Assert.False(watch.AddSlice(Slice(4.2)));
        Assert.False(watch.AddSlice(Slice(3.1)));
        Assert.False(watch.AddSlice(Slice(2.9)));
        Assert.False(watch.AddSlice(Slice(3.0)), "3.0 against the window 5.98, 6.33, 4.2");
        Assert.False(watch.AddSlice(Slice(2.9)), "2.9 against the window 6.33, 4.2, 3.1");
        Assert.True(watch.AddSlice(Slice(2.95)));
    }

    [Fact]
    public void AJumpStartsTheComparisonAgain()
    {
        var watch = Fed(2, 2, 2, 2, 2, 2);

        Assert.True(watch.IsSteady);
        Assert.False(watch.AddSlice(Slice(3)));
        Assert.False(watch.AddSlice(Slice(3)));
        Assert.False(watch.AddSlice(Slice(3)), "3, 3, 3 against 2, 2, 2");
        Assert.False(watch.AddSlice(Slice(3.1)), "3, 3, 3.1 against 2, 2, 3");
        Assert.True(watch.AddSlice(Slice(3)));
    }

    [Fact]
    public void SteadyLatencyStillRunsTwoWindows()
    {
        var watch = new WarmupWatch();
        for (var slice = 1; slice < 2 * WarmupWatch.Window; slice++)
        {
            Assert.False(watch.AddSlice(Slice(1)), $"steady after {slice} slices");
        }

        Assert.True(watch.AddSlice(Slice(1)));
    }

    [Fact]
    public void SubMillisecondMediansMayMoveByTheAbsoluteTolerance()
    {
        var watch = Fed(0.20, 0.24, 0.20, 0.24, 0.20);

        Assert.True(watch.AddSlice(Slice(0.24)), "0.24 against 0.20 is 20 % of 0.2 ms but within 0.05 ms");
    }

    [Fact]
    public void ASliceWithoutAnswersIsNeverSteadyWhileItIsInAWindow()
    {
        var watch = Fed(1, 1, 1, 1, 1);

        Assert.False(watch.AddSlice([]));
        Assert.True(double.IsNaN(watch.Medians[^1]));
        for (var slice = 1; slice < 2 * WarmupWatch.Window; slice++)
        {
            Assert.False(watch.AddSlice(Slice(1)), $"steady {slice} slices after the one without answers");
        }

        Assert.True(watch.AddSlice(Slice(1)));
    }

    [Fact]
    public void TheMedianOfASliceIgnoresItsOutliers()
    {
        var watch = new WarmupWatch();
        watch.AddSlice([1, 1, 1, 1, 90]);
        watch.AddSlice([1, 1, 1, 80, 90, 1, 1]);
        Assert.Equal([1, 1], watch.Medians);
    }

    private static WarmupWatch Fed(params double[] medians)
    {
        var watch = new WarmupWatch();
        foreach (var median in medians)
        {
            watch.AddSlice(Slice(median));
        }

        return watch;
    }

    private static double[] Slice(double median) => [median * 0.9, median, median, median * 1.5, median * 0.95];
}
