using TracingLab.LinkCompare.Model;

namespace TracingLab.Dashboard;

/// <summary>
/// Where the Links page and <c>/api/links</c> get the emulated links from. The AppHost implements it with its relays;
/// a standalone dashboard has none.
/// </summary>
public interface ILinkSource
{
    /// <summary>Every relay, as it is now.</summary>
    IReadOnlyList<RelaySnapshot> GetRelays();

    /// <summary>
    /// Flow records whose window ends at or after <paramref name="since"/> (all kept records when null), including
    /// the current partial window of open connections.
    /// </summary>
    IReadOnlyList<FlowRecord> GetFlows(DateTimeOffset? since = null);
}
