namespace TracingLab.ServiceDefaults.Telemetry;

/// <summary>The <c>Sampled</c> field of an <c>X-Amzn-Trace-Id</c> header.</summary>
public enum XRaySampled
{
    /// <summary>No Sampled field: the receiver decides.</summary>
    Absent,

    /// <summary><c>Sampled=0</c>.</summary>
    NotSampled,

    /// <summary><c>Sampled=1</c>.</summary>
    Sampled,

    /// <summary><c>Sampled=?</c>: the caller asks the receiver to make the sampling decision.</summary>
    Requested,
}
