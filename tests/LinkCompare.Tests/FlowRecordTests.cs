using TracingLab.Contracts.LinksFeed;
using TracingLab.LinkCompare.Model;

namespace TracingLab.LinkCompare.Tests;

public sealed class FlowRecordTests
{
    [Fact]
    public void FlowLogLineHasTheDefaultFormatFieldsInOrder()
    {
        var record = new FlowRecord(
            "eni-tgw-serviceb", "tgw", "servicea", "serviceb", "127.0.0.1", 40000, "127.0.0.1", 5102, 6, 10, 4096,
            DateTimeOffset.FromUnixTimeSeconds(1_795_385_951), DateTimeOffset.FromUnixTimeSeconds(1_795_386_011));

        Assert.Equal(
            "2 000000000000 eni-tgw-serviceb 127.0.0.1 127.0.0.1 40000 5102 6 10 4096 1795385951 1795386011 ACCEPT OK",
            record.ToFlowLogLine());
    }
}
