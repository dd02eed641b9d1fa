using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
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
    public async Task ALabClientRetriesWithItsOwnBudgetNotTheDefaultOne()
    {
        // Read from the named pipeline's options rather than counted on a live socket: a live run's attempts depend on
        // whether the machine finishes them inside the total budget, so on a busy machine it timed out instead.
        var services = new ServiceCollection();
        services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());
        services.AddHttpClient("toC").WithLabTimeouts(downstreamDepth: 0);
        await using var provider = services.BuildServiceProvider();
        _ = provider.GetRequiredService<IHttpClientFactory>().CreateClient("toC");

        var options = provider.GetRequiredService<IOptionsMonitor<HttpStandardResilienceOptions>>().Get("toC-standard");

        // The default handler would try four times (three retries); the lab's leaf budget tries three times.
        Assert.Equal(2, options.Retry.MaxRetryAttempts);
        Assert.Equal(LabTimeouts.Attempt(0), options.AttemptTimeout.Timeout);
        Assert.Equal(LabTimeouts.Total(0), options.TotalRequestTimeout.Timeout);
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

    [Fact]
    public void LinksAreReadAgainWhenConfigurationReloads()
    {
        var source = new MemoryConfigurationSource { InitialData = new Dictionary<string, string?> { ["services:serviceb:tgw:0"] = "http://127.0.0.1:1" } };
        var root = new ConfigurationBuilder().Add(source).Build();
        var links = new LabLinkResolver(root);
        Assert.Equal(["tgw"], links.EnabledLinks("serviceb"));
        Assert.False(links.Choose("serviceb", "peering").IsAccepted);

        var provider = root.Providers.OfType<MemoryConfigurationProvider>().Single();
        provider.Set("services:serviceb:peering:0", "http://127.0.0.1:2");
        root.Reload();

        Assert.Equal(["tgw", "peering"], links.EnabledLinks("serviceb"));
        Assert.Equal(new Uri("http://_peering.serviceb"), links.Choose("serviceb", "peering").BaseAddress);
    }
}
