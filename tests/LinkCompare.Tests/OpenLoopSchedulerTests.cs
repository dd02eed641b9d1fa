using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;
using TracingLab.LinkCompare.Load;

namespace TracingLab.LinkCompare.Tests;

public sealed class OpenLoopSchedulerTests
{
    private static readonly string[] Links = ["tgw", "peering", "privatelink"];
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task TicksAreIssuedAtExactlyTheirIntendedTimes()
    {
        var time = new ArmedClock(new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero));
        var sent = Channel.CreateUnbounded<ScheduledRequest>();
        var period = TimeSpan.FromMilliseconds(100);
        var start = time.GetTimestamp();
        var run = new OpenLoopScheduler(new OpenLoopPlan(Links, 10, TimeSpan.FromSeconds(1)), time)
            .RunAsync(r => Sent(sent, r));

        for (var tick = 0; tick < 10; tick++)
        {
            if (tick > 0)
            {
                await time.AdvanceWhenArmedAsync(period);
            }

            var requests = await TakeAsync(sent, 3);
            var intended = start + (tick * period.Ticks * time.TimestampFrequency / TimeSpan.TicksPerSecond);
            Assert.All(requests, r => Assert.Equal(tick, r.Tick));
            Assert.All(requests, r => Assert.Equal(intended, r.IntendedTimestamp));
            Assert.All(requests, r => Assert.Equal(r.IntendedTimestamp, r.StartTimestamp));
        }

        var result = await run.WaitAsync(Wait);
        Assert.Equal(30, result.Issued);
        Assert.Equal(0, result.LateRequests);
        Assert.Equal(TimeSpan.Zero, result.MaxStartLag);
        Assert.False(sent.Reader.TryRead(out var extra), $"a request after the last tick: {extra}");
    }

    [Fact]
    public async Task EveryLinkGetsOneRequestPerTickInOrdersThatRunThroughEveryPermutation()
    {
        var time = new ArmedClock();
        var sent = Channel.CreateUnbounded<ScheduledRequest>();
        var run = new OpenLoopScheduler(new OpenLoopPlan(Links, 10, TimeSpan.FromSeconds(0.6)), time).RunAsync(r => Sent(sent, r));

        var firsts = new List<string>();
        for (var tick = 0; tick < 6; tick++)
        {
            if (tick > 0)
            {
                await time.AdvanceWhenArmedAsync(TimeSpan.FromMilliseconds(100));
            }

            var requests = await TakeAsync(sent, 3);
            Assert.Equal(Links.Order(), requests.Select(r => r.Link).Order());
            Assert.Single(requests.Select(r => r.IntendedTimestamp).Distinct());
            Assert.Equal([0, 1, 2], requests.Select(r => r.Position));
            firsts.Add(requests[0].Link);
        }

        await run.WaitAsync(Wait);
        Assert.Equal(["tgw", "tgw", "peering", "peering", "privatelink", "privatelink"], firsts);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void OverNFactorialTicksEachLinkHoldsEachPlaceAndPrecedesEachOtherLinkEquallyOften(int n)
    {
        var ticks = Enumerable.Range(1, n).Aggregate(1, (f, k) => f * k);
        var inPlace = new int[n, n];
        var before = new int[n, n];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var order = new int[n];
        for (var tick = 0L; tick < 3 * ticks; tick++)
        {
            OpenLoopScheduler.Order(tick, order);
            Assert.Equal(Enumerable.Range(0, n), order.Order());
            if (tick < ticks)
            {
                Assert.True(seen.Add(string.Join(",", order)), $"tick {tick} repeats the order {string.Join(",", order)}");
            }

            for (var place = 0; place < n; place++)
            {
                inPlace[order[place], place]++;
                for (var later = place + 1; later < n; later++)
                {
                    before[order[place], order[later]]++;
                }
            }
        }

        for (var a = 0; a < n; a++)
        {
            for (var b = 0; b < n; b++)
            {
                Assert.Equal(3 * ticks / n, inPlace[a, b]);
                if (a != b)
                {
                    Assert.True(before[a, b] == before[b, a], $"link {a} went before link {b} in {before[a, b]} ticks and after it in {before[b, a]}");
                }
            }
        }
    }

    [Fact]
    public void AnOrderOfMoreLinksThanTheSchedulerCanBalanceIsRefused()
    {
        var plan = new OpenLoopPlan([.. Enumerable.Range(0, OpenLoopScheduler.MaxOrderedLinks + 1).Select(i => $"link{i}")], 10, TimeSpan.FromSeconds(1));

        var error = Assert.Single(plan.Validate());

        Assert.Contains("links: 21 given; at most 20", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASlowAnswerNeverDelaysTheNextTick()
    {
        var time = new ArmedClock();
        var sent = Channel.CreateUnbounded<ScheduledRequest>();
        var never = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = new OpenLoopScheduler(new OpenLoopPlan(["peering"], 10, TimeSpan.FromSeconds(0.3)), time)
            .RunAsync(r =>
            {
                sent.Writer.TryWrite(r);
                return r.Tick == 0 ? never.Task : Task.CompletedTask;
            });

        var first = (await TakeAsync(sent, 1))[0];
        await time.AdvanceWhenArmedAsync(TimeSpan.FromMilliseconds(100));
        var second = (await TakeAsync(sent, 1))[0];
        await time.AdvanceWhenArmedAsync(TimeSpan.FromMilliseconds(100));
        var third = (await TakeAsync(sent, 1))[0];

        Assert.Equal(second.IntendedTimestamp, second.StartTimestamp);
        Assert.Equal(third.IntendedTimestamp, third.StartTimestamp);
        Assert.Equal([0L, 1L, 2L], new[] { first.Tick, second.Tick, third.Tick });
        Assert.False(run.IsCompleted, "the run finished while tick 0's answer was still outstanding");
        never.SetResult();
        var result = await run.WaitAsync(Wait);
        Assert.Equal(3, result.Issued);
    }

    [Fact]
    public async Task AStartBehindScheduleIsChargedFromTheIntendedTime()
    {
        var time = new ArmedClock();
        var sent = Channel.CreateUnbounded<(ScheduledRequest Request, TimeSpan Latency)>();
        var period = TimeSpan.FromMilliseconds(100);
        var run = new OpenLoopScheduler(new OpenLoopPlan(["tgw", "peering"], 10, TimeSpan.FromSeconds(0.4)), time)
            .RunAsync(r =>
            {
                // An answer that arrives the instant the request starts: all latency is start lag.
                sent.Writer.TryWrite((r, time.GetElapsedTime(r.IntendedTimestamp)));
                return Task.CompletedTask;
            });

        await TakeAsync(sent, 2);
        await time.AdvanceWhenArmedAsync(period * 3.5);
        var late = await TakeAsync(sent, 6);
        var result = await run.WaitAsync(Wait);

        Assert.Equal([1L, 1L, 2L, 2L, 3L, 3L], late.Select(x => x.Request.Tick));
        Assert.Single(late.Select(x => x.Request.StartTimestamp).Distinct());
        Assert.Equal(
            [250.0, 250.0, 150.0, 150.0, 50.0, 50.0],
            late.Select(x => Math.Round(x.Latency.TotalMilliseconds, 3)));
        Assert.Equal(4, result.LateRequests);
        Assert.Equal(TimeSpan.FromMilliseconds(250), result.MaxStartLag);
    }

    [Theory]
    [InlineData(10, 1.0, 10)]
    [InlineData(3, 1.0, 3)]
    [InlineData(2.5, 1.0, 3)]
    [InlineData(50, 20.0, 1000)]
    [InlineData(1, 0.5, 1)]
    public void TheDurationBoundsTheNumberOfTicks(double rate, double seconds, long ticks) =>
        Assert.Equal(ticks, new OpenLoopPlan(Links, rate, TimeSpan.FromSeconds(seconds)).TickCount);

    [Fact]
    public async Task ARunIssuesExactlyTicksTimesLinksAndNothingAfterTheDuration()
    {
        var time = new ArmedClock();
        var count = 0;
        long lastIntended = 0;
        var start = time.GetTimestamp();
        var run = new OpenLoopScheduler(new OpenLoopPlan(Links, 40, TimeSpan.FromSeconds(1)), time).RunAsync(r =>
        {
            Interlocked.Increment(ref count);
            Interlocked.Exchange(ref lastIntended, Math.Max(Interlocked.Read(ref lastIntended), r.IntendedTimestamp));
            return Task.CompletedTask;
        });

        while (await time.ArmedOrDoneAsync(run).WaitAsync(Wait))
        {
            time.Advance(TimeSpan.FromMilliseconds(25));
        }

        await run.WaitAsync(Wait);
        Assert.Equal(120, count);
        Assert.True(time.GetElapsedTime(start, lastIntended) < TimeSpan.FromSeconds(1), $"last tick at {time.GetElapsedTime(start, lastIntended)}");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(5000.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void ARateOutOfRangeIsRejectedNamingTheValue(double rate)
    {
        var e = Assert.Throws<ArgumentException>(() => new OpenLoopScheduler(new OpenLoopPlan(Links, rate, TimeSpan.FromSeconds(1)), new FakeTimeProvider()));
        Assert.Contains("rate:", e.Message, StringComparison.Ordinal);
        Assert.Contains(rate.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message, StringComparison.Ordinal);
        Assert.Contains("at most 5000", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADurationOutOfRangeOrNoLinksAreRejected()
    {
        var zero = Assert.Throws<ArgumentException>(() => new OpenLoopScheduler(new OpenLoopPlan(Links, 10, TimeSpan.Zero), new FakeTimeProvider()));
        Assert.Contains("duration: 0 s", zero.Message, StringComparison.Ordinal);
        var none = Assert.Throws<ArgumentException>(() => new OpenLoopScheduler(new OpenLoopPlan([], 10, TimeSpan.FromSeconds(1)), new FakeTimeProvider()));
        Assert.Contains("links:", none.Message, StringComparison.Ordinal);
        var twice = new OpenLoopPlan(["tgw", "tgw"], 10, TimeSpan.FromSeconds(1)).Validate();
        Assert.Contains(twice, e => e.Contains("twice", StringComparison.Ordinal));
    }

    private static Task Sent(Channel<ScheduledRequest> channel, ScheduledRequest request)
    {
        channel.Writer.TryWrite(request);
        return Task.CompletedTask;
    }

    private static async Task<List<T>> TakeAsync<T>(Channel<T> channel, int count)
    {
        var items = new List<T>();
        using var cts = new CancellationTokenSource(Wait);
        try
        {
            while (items.Count < count)
            {
                items.Add(await channel.Reader.ReadAsync(cts.Token));
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"expected {count} requests within {Wait.TotalSeconds} s, saw {items.Count}: {string.Join("; ", items)}");
        }

        return items;
    }
}
