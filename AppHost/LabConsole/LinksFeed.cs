using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TracingLab.AppHost.Links;
using TracingLab.Contracts.LinksFeed;
using TracingLab.Relay;

namespace TracingLab.AppHost.LabConsole;

/// <summary>
/// The relays live in the AppHost process; the lab console (another process) reads them here: <c>GET /links?since=</c>
/// answers the relays (with their active faults), the flow records and the experiment's fault windows as a
/// <see cref="LinksSnapshot"/>. Loopback only, on an ephemeral port, behind a
/// key made per run that only the lab console is given. Read-only: switching links is the resources' commands' job.
/// </summary>
public sealed class LinksFeed(LinkRelayHost network) : IHostedService, IAsyncDisposable
{
    /// <summary>The header carrying <see cref="Key"/>.</summary>
    public const string KeyHeader = "x-lab-feed-key";

    private WebApplication? _app;

    /// <summary>The key the lab console sends.</summary>
    public string Key { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Where the feed listens, once started.</summary>
    public Uri? Url { get; private set; }

    /// <summary>Starts listening on 127.0.0.1 and a free port.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            return;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapGet("/links", (HttpRequest request) =>
        {
            if (request.Headers[KeyHeader] != Key)
            {
                return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Key required", detail: $"send the lab console's {KeyHeader}");
            }

            DateTimeOffset? since = null;
            if (request.Query.TryGetValue("since", out var s))
            {
                if (!DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                {
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid since", detail: $"since is '{s}'; allowed: an ISO 8601 time");
                }

                since = parsed;
            }

            var relays = network.Relays;
            var experiment = network.Experiment?.Snapshot();
            return Results.Json(
                new LinksSnapshot(relays?.GetRelays() ?? [], relays?.GetFlows(since) ?? [], experiment?.Windows, experiment),
                LinksFeedJson.Default.LinksSnapshot);
        });
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;
        Url = new Uri(app.Urls.First());
    }

    /// <summary>Stops listening.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => DisposeAsync().AsTask();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
