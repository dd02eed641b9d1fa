using System.Text.Json;
using TracingLab.LinkCompare.Load;

namespace TracingLab.LinkCompare.Tests;

public sealed class FloorResponderTests
{
    [Fact]
    public async Task TheFloorAnswersTheHopsProbeAndTheEchoWithoutWork()
    {
        await using var floor = await FloorResponder.StartAsync(CancellationToken.None);
        using var http = new HttpClient { BaseAddress = floor.Url, Timeout = TimeSpan.FromSeconds(30) };

        using var hops = JsonDocument.Parse(await http.GetStringAsync(new Uri("/lab/hops", UriKind.Relative)));
        using var echo = JsonDocument.Parse(await http.GetStringAsync(new Uri("/lab/echo", UriKind.Relative)));

        Assert.Equal("127.0.0.1", floor.Url.Host);
        Assert.Equal("servicea", hops.RootElement.GetProperty("hops")[0].GetProperty("from").GetString());
        Assert.Equal((FloorResponder.Link, "127.0.0.1"), (echo.RootElement.GetProperty("service").GetString(), echo.RootElement.GetProperty("remoteAddress").GetString()));
    }
}
