namespace TracingLab.Contracts.Faults;

/// <summary>Writes a fault back in the option text's form, so what the lab shows can be pasted into <c>--link-faults</c>.</summary>
internal static class FaultText
{
    public static string Format(LinkFault fault)
    {
        var text = $"{fault.Link}={FaultKinds.Name(fault.Kind)}{Parameters(fault.Parameters)}";
        return fault.Direction == FaultDirection.Both ? text : $"{text}@{FaultDirections.Name(fault.Direction)}";
    }

    private static string Parameters(FaultParameters parameters) => parameters switch
    {
        LatencyFault l => ":" + FaultValues.FormatDuration(l.Delay)
            + (l.Spread > TimeSpan.Zero ? "~" + FaultValues.FormatDuration(l.Spread) : "")
            + (l.SpikePercent > 0 ? $":spike={FaultValues.FormatDuration(l.Spike)}/{FaultValues.FormatPercent(l.SpikePercent)}" : ""),
        JitterFault j => ":" + FaultValues.FormatDuration(j.Amplitude),
        LossFault l => ":" + FaultValues.FormatPercent(l.Percent),
        ResetFault { Percent: { } percent } => ":" + FaultValues.FormatPercent(percent),
        ResetFault { AfterBytes: { } bytes } => ":after=" + FaultValues.FormatBytes(bytes),
        BandwidthFault b => ":" + FaultValues.FormatRate(b.BitsPerSecond),
        _ => "",
    };
}
