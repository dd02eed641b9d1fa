using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using TracingLab.ServiceDefaults.Lab;
using TracingLab.ServiceDefaults.Telemetry;

namespace ServiceDefaults.Tests;

public class LabSettingsTests
{
    [Fact]
    public void TimeoutsNestAlongTheChain()
    {
        Assert.True(LabTimeouts.Attempt(1) > LabTimeouts.Total(0), "a caller's attempt must outlast the callee's whole budget");
        Assert.True(LabTimeouts.Total(1) > LabTimeouts.Attempt(1));
        Assert.True(LabTimeouts.Total(0) >= LabTimeouts.Attempt(0));
    }

    [Fact]
    public void NamedClientsGetTheirBudgetThroughTheStandardHandler()
    {
        var services = new ServiceCollection();
        services.AddHttpClient("toB").AddStandardResilienceHandler();
        services.AddHttpClient("toB").WithLabTimeouts(downstreamDepth: 1);
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<HttpStandardResilienceOptions>>().Get(LabTimeouts.PipelineName("toB"));

        Assert.Equal(LabTimeouts.Attempt(1), options.AttemptTimeout.Timeout);
        Assert.Equal(LabTimeouts.Total(1), options.TotalRequestTimeout.Timeout);
    }

    [Theory]
    [InlineData(null, "(not set)")]
    [InlineData("aws_lambda", "aws_lambda")]
    public void BadPlatformNamesTheKeyTheValueAndTheAllowedValues(string? value, string shown)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Lab:Platform"] = value }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => LabResource.Platform(configuration));

        Assert.Equal($"Lab:Platform is '{shown}'; allowed values: aws_ecs, aws_eks, aws_ec2.", error.Message);
    }

    [Fact]
    public void LinksFollowTheConfiguredOrderAndFallBackToDirect()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Lab:Links"] = "privatelink,tgw",
            ["services:serviceb:tgw:0"] = "http://127.0.0.1:1",
            ["services:serviceb:privatelink:0"] = "http://127.0.0.1:2",
            ["services:serviceb:http:0"] = "http://127.0.0.1:3",
            ["services:servicec:http:0"] = "http://127.0.0.1:4",
        }).Build();
        var links = new LabLinkResolver(configuration);

        Assert.Equal(["privatelink", "tgw"], links.EnabledLinks("serviceb"));
        Assert.Equal(["direct"], links.EnabledLinks("servicec"));
        Assert.Equal(new Uri("http://servicec"), links.Choose("servicec", null).BaseAddress);
        Assert.Equal("'bogus' is not a link for serviceb; enabled links: privatelink, tgw.", links.Choose("serviceb", "bogus").Error);
    }
}
