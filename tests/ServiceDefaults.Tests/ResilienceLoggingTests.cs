using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ServiceDefaults.Tests;

public class ResilienceLoggingTests
{
    [Fact]
    public async Task SuccessfulAttemptsAreNotLoggedButRetriesAndFailuresAre()
    {
        await using var app = Build(["--Lab:Platform=aws_ec2"]);
        var polly = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(Extensions.ResilienceLogCategory);

        Assert.False(polly.IsEnabled(LogLevel.Information), "a successful attempt (Information) would be logged on every call");
        Assert.True(polly.IsEnabled(LogLevel.Warning), "retries and timeouts (Warning) must still be logged");
    }

    [Fact]
    public async Task ConfigurationCanTurnTheAttemptLogsBackOn()
    {
        await using var app = Build(["--Lab:Platform=aws_ec2", "--Logging:LogLevel:Polly=Information"]);
        var polly = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(Extensions.ResilienceLogCategory);

        Assert.True(polly.IsEnabled(LogLevel.Information));
    }

    private static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        return builder.Build();
    }
}
