using TracingLab.Contracts.Links;

namespace TracingLab.LinkCompare.Report;

/// <summary>One fixed colour per link, the same in every chart (and on the dashboard's Links page).</summary>
public static class LinkColors
{
    private static readonly string[] Others = ["#9467bd", "#8c564b", "#e377c2", "#7f7f7f"];

    /// <summary>The colour of <paramref name="link"/>; links other than the four known ones get a colour by position.</summary>
    public static string Of(string link, int position) => link switch
    {
        LinkNames.Tgw => "#1f77b4",
        LinkNames.Peering => "#2ca02c",
        LinkNames.PrivateLink => "#d62728",
        LinkNames.Lattice => "#ff7f0e",
        _ => Others[position % Others.Length],
    };
}
