using TracingLab.Contracts.Links;
using TracingLab.LinkCompare.Faults;
using TracingLab.LinkCompare.Model;

namespace TracingLab.LabConsole.Links;

/// <summary>
/// Checks a posted run before it is kept: JSON that deserializes can still be nonsense (no links, negative counts,
/// an end before the start). Each error names the field, the value given and what is allowed.
/// </summary>
internal static class CompareRunValidator
{
    private const int MaxLinks = 16;

    public static IReadOnlyList<string> Validate(CompareRun run)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(run.RunId) || run.RunId.Length > 64)
        {
            errors.Add($"runId is '{run.RunId}'; allowed: 1 to 64 characters");
        }

        if (run.Ended < run.Started)
        {
            errors.Add($"ended ({run.Ended:O}) is before started ({run.Started:O}); allowed: ended at or after started");
        }

        if (!(run.RatePerSecond > 0) || double.IsInfinity(run.RatePerSecond))
        {
            errors.Add($"ratePerSecond is {run.RatePerSecond}; allowed: a finite number above 0");
        }

        if (!(run.DurationSeconds > 0) || double.IsInfinity(run.DurationSeconds))
        {
            errors.Add($"durationSeconds is {run.DurationSeconds}; allowed: a finite number above 0");
        }

        if (run.Links is null || run.Links.Count is 0 or > MaxLinks)
        {
            errors.Add($"links has {run.Links?.Count ?? 0} entries; allowed: 1 to {MaxLinks}");
            return errors;
        }

        for (var i = 0; i < run.Links.Count; i++)
        {
            var link = run.Links[i];
            if (link is null)
            {
                errors.Add($"links[{i}] is null; allowed: a link result");
                continue;
            }

            if (string.IsNullOrWhiteSpace(link.Link))
            {
                errors.Add($"links[{i}].link is '{link.Link}'; allowed: a link name such as {LinkNames.Allowed}");
            }

            if (link.Sent < 0 || link.Succeeded < 0 || link.Failed < 0 || link.Succeeded + link.Failed > link.Sent)
            {
                errors.Add(
                    $"links[{i}] counts are sent={link.Sent}, succeeded={link.Succeeded}, failed={link.Failed}; " +
                    "allowed: non-negative, with succeeded + failed at most sent");
            }

            if (link.Latency is null || link.Cdf is null || link.Hops is null || link.RemoteAddresses is null || link.Errors is null)
            {
                errors.Add($"links[{i}] lacks one of latency, cdf, hops, remoteAddresses, errors; allowed: all present (empty lists are fine)");
            }
            else if (link.Cdf.Any(p => p is null || p.Fraction is < 0 or > 1 || double.IsNaN(p.ValueMs)))
            {
                errors.Add($"links[{i}].cdf has a point outside fraction 0..1 or with a NaN value; allowed: fractions from 0 to 1");
            }
        }

        if (run.Links.Select(l => l?.Link).Distinct(StringComparer.Ordinal).Count() != run.Links.Count)
        {
            errors.Add($"links names a link twice ({string.Join(", ", run.Links.Select(l => l?.Link))}); allowed: each link once");
        }

        if (run.Samples is { } samples)
        {
            ValidateSamples(samples, errors);
        }

        if (run.Faults is { } faults)
        {
            ValidateFaults(faults, errors);
        }

        return errors;
    }

    private static void ValidateFaults(RunFaults faults, List<string> errors)
    {
        if (faults.Windows is null || faults.Windows.Count > FaultWindowTracker.MaxWindows)
        {
            errors.Add($"faults.windows has {faults.Windows?.Count ?? 0} entries; allowed: 0 to {FaultWindowTracker.MaxWindows} (and present)");
        }
        else if (faults.Windows.FirstOrDefault(w => w is null || w.Link is null || w.Kind is null || w.Parameters is null || w.Direction is null || w.End < w.Start) is { } bad)
        {
            errors.Add($"faults.windows holds '{bad?.ToString() ?? "null"}' without link, kind, parameters or direction, or ending before it starts; allowed: complete windows with end at or after start (or no end)");
        }

        if (faults.Links is null || faults.Links.Count > MaxLinks || faults.Links.Any(l => l?.Inside is null || l.Outside is null))
        {
            errors.Add($"faults.links has {faults.Links?.Count ?? 0} entries; allowed: 0 to {MaxLinks}, each with inside and outside figures");
        }

        if (!(faults.BucketSeconds > 0) || double.IsInfinity(faults.BucketSeconds))
        {
            errors.Add($"faults.bucketSeconds is {faults.BucketSeconds}; allowed: a finite number above 0");
        }

        if (faults.Timeline is null || faults.Timeline.Count > MaxLinks * (FaultFigures.MaxBuckets + 1) || faults.Timeline.Any(b => b is null || b.Link is null))
        {
            errors.Add($"faults.timeline has {faults.Timeline?.Count ?? 0} entries; allowed: 0 to {MaxLinks * (FaultFigures.MaxBuckets + 1)} buckets, each naming its link");
        }
    }

    private static void ValidateSamples(RunSamples samples, List<string> errors)
    {
        if (samples.Resamples is < 100 or > 100_000)
        {
            errors.Add($"samples.resamples is {samples.Resamples}; allowed: 100 to 100000");
        }

        if (!(samples.Confidence is >= 0.5 and <= 0.999))
        {
            errors.Add($"samples.confidence is {samples.Confidence}; allowed: 0.5 to 0.999");
        }

        var all = (samples.Series ?? []).Append(samples.Floor).Append(samples.SchedulerLag).Where(s => s is not null).ToList();
        if ((samples.Series ?? []).Count > MaxLinks * 8 || samples.Series is null)
        {
            errors.Add($"samples.series has {samples.Series?.Count ?? 0} entries; allowed: 0 to {MaxLinks * 8} (and present)");
        }

        foreach (var s in all)
        {
            if (s!.ValuesMs is null || s.ValuesMs.Count > SampleSeries.MaxValues || s.ValuesMs.Any(v => !float.IsFinite(v) || v < 0))
            {
                errors.Add($"samples of {s.Link}/{s.Hop} have {s.ValuesMs?.Count ?? 0} values; allowed: up to {SampleSeries.MaxValues} finite, non-negative milliseconds");
            }
        }
    }
}
