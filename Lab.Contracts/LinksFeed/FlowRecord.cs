using System.Globalization;

namespace TracingLab.Contracts.LinksFeed;

/// <summary>
/// One flow through a link, shaped like a VPC Flow Logs record (default format, version 2): the 5-tuple as the
/// provider's network interface sees it, packets, bytes, and the capture window. <see cref="Link"/>,
/// <see cref="Consumer"/> and <see cref="Provider"/> are the lab's additions (flow logs carry them in
/// interface ids and tags).
/// </summary>
/// <param name="InterfaceId">The interface the record was captured on, e.g. <c>eni-tgw-serviceb</c>.</param>
/// <param name="Link">tgw, peering or privatelink.</param>
/// <param name="Consumer">The calling service, e.g. servicea.</param>
/// <param name="Provider">The called service, e.g. serviceb.</param>
/// <param name="SrcAddr">Source address as the capturing interface sees it.</param>
/// <param name="SrcPort">Source port.</param>
/// <param name="DstAddr">Destination address.</param>
/// <param name="DstPort">Destination port.</param>
/// <param name="Protocol">IANA protocol number (6 = TCP).</param>
/// <param name="Packets">Packets, counted as the relay's socket reads (an approximation: TCP segments are not visible to a user-space relay).</param>
/// <param name="Bytes">Payload bytes.</param>
/// <param name="Start">Start of the capture window.</param>
/// <param name="End">End of the capture window.</param>
/// <param name="Action">ACCEPT or REJECT.</param>
/// <param name="LogStatus">OK, NODATA or SKIPDATA.</param>
public sealed record FlowRecord(
    string InterfaceId,
    string Link,
    string Consumer,
    string Provider,
    string SrcAddr,
    int SrcPort,
    string DstAddr,
    int DstPort,
    int Protocol,
    long Packets,
    long Bytes,
    DateTimeOffset Start,
    DateTimeOffset End,
    string Action = "ACCEPT",
    string LogStatus = "OK")
{
    /// <summary>The flow-log format version of <see cref="ToFlowLogLine"/>.</summary>
    public const int Version = 2;

    /// <summary>
    /// The record as a VPC Flow Logs default-format line: <c>version account-id interface-id srcaddr dstaddr srcport
    /// dstport protocol packets bytes start end action log-status</c>; the account is the lab's placeholder.
    /// </summary>
    public string ToFlowLogLine(string accountId = "000000000000") => string.Join(
        ' ',
        Version.ToString(CultureInfo.InvariantCulture),
        accountId,
        InterfaceId,
        SrcAddr,
        DstAddr,
        SrcPort.ToString(CultureInfo.InvariantCulture),
        DstPort.ToString(CultureInfo.InvariantCulture),
        Protocol.ToString(CultureInfo.InvariantCulture),
        Packets.ToString(CultureInfo.InvariantCulture),
        Bytes.ToString(CultureInfo.InvariantCulture),
        Start.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        End.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        Action,
        LogStatus);
}
