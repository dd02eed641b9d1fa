using TracingLab.LinkCompare.Model;

namespace TracingLab.LinkCompare.Recording;

/// <summary>
/// A thread-safe uniform reservoir of float milliseconds (at most <see cref="SampleSeries.MaxValues"/>): every value
/// offered has the same chance to be kept, so a long run's samples stay bounded and unbiased.
/// </summary>
public sealed class SampleReservoir
{
    private readonly List<float> _values = [];
    private readonly Random _random;
    private readonly int _capacity;
    private long _seen;

    /// <summary>A reservoir of up to <paramref name="capacity"/> values, replacing with a seeded random.</summary>
    public SampleReservoir(int capacity = SampleSeries.MaxValues, int seed = 11)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _capacity = capacity;
        _random = new Random(seed);
    }

    /// <summary>Offers one value; NaN, infinite and negative values are skipped.</summary>
    public void Add(double ms)
    {
        if (!double.IsFinite(ms) || ms < 0)
        {
            return;
        }

        lock (_values)
        {
            _seen++;
            if (_values.Count < _capacity)
            {
                _values.Add((float)ms);
            }
            else if (_random.NextInt64(_seen) is var slot && slot < _capacity)
            {
                _values[(int)slot] = (float)ms;
            }
        }
    }

    /// <summary>The kept values as a series.</summary>
    public SampleSeries Snapshot(string link, string hop)
    {
        lock (_values)
        {
            return new SampleSeries(link, hop, _seen, [.. _values]);
        }
    }
}
