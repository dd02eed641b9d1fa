using TracingLab.AppHost.Hosting;

namespace AppHost.Tests.Links;

public class CompareCommandTests
{
    [Fact]
    public void TheSummaryPrintsTheDocumentedCompareCommandWithTheKeyUnlessAnonymous()
    {
        var serviceA = new Uri("http://127.0.0.1:5101/");
        var dashboard = new Uri("http://127.0.0.1:18888/");

        Assert.Equal(
            "dotnet run --project bench/LinkCompare -c Release -- --target http://127.0.0.1:5101 --dashboard http://127.0.0.1:18888 --api-key k3y",
            StartupSummary.CompareCommand(serviceA, dashboard, "k3y"));
        Assert.Equal(
            "dotnet run --project bench/LinkCompare -c Release -- --target http://127.0.0.1:5101 --dashboard http://127.0.0.1:18888",
            StartupSummary.CompareCommand(serviceA, dashboard, apiKey: null));
    }
}
