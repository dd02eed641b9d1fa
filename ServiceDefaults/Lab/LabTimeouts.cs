using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

namespace TracingLab.ServiceDefaults.Lab;

/// <summary>
/// Resilience budgets that nest along the call chain: a caller's per-attempt timeout exceeds the callee's whole budget
/// for its own downstream calls, so the innermost failure surfaces first and as itself, not as a caller's timeout.
/// <list type="bullet">
/// <item>depth 0 (the callee calls nobody, e.g. → servicec): attempt 2 s, total 4 s;</item>
/// <item>depth 1 (the callee calls one more service, e.g. → serviceb): attempt 6 s (= 4 s + 2 s), total 10 s.</item>
/// </list>
/// </summary>
public static class LabTimeouts
{
    private static readonly TimeSpan LeafAttempt = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(2);

    /// <summary>How long an open circuit rejects calls before it lets a trial call through.</summary>
    public static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(1);

    /// <summary>The per-attempt timeout for a callee that calls <paramref name="downstreamDepth"/> more levels.</summary>
    public static TimeSpan Attempt(int downstreamDepth) =>
        downstreamDepth <= 0 ? LeafAttempt : Total(downstreamDepth - 1) + Margin;

    /// <summary>The whole budget (attempts, retries and back-off) for such a callee.</summary>
    public static TimeSpan Total(int downstreamDepth) => (2 * Attempt(downstreamDepth)) - (downstreamDepth <= 0 ? TimeSpan.Zero : Margin);

    /// <summary>Tunes the standard resilience handler of this client for a callee at <paramref name="downstreamDepth"/>.</summary>
    public static IHttpClientBuilder WithLabTimeouts(this IHttpClientBuilder builder, int downstreamDepth)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // The handler that ConfigureHttpClientDefaults adds has no client name, so per-client options can't reach it;
        // this client gets its own standard handler instead, with the nested budget.
        // RemoveAllResilienceHandlers is marked experimental, but it is the documented way to replace the defaults' handler.
#pragma warning disable EXTEXP0001
        builder.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        // One pipeline (so one circuit breaker) per link: each link reaches the callee at an address of its own, so a
        // link switched off opens its own circuit and not the callee's on every link (docs/benchmarks.md, the soak).
        builder.AddStandardResilienceHandler(o => Apply(o, downstreamDepth))
            .SelectPipelineBy(_ => request => request.RequestUri?.GetLeftPart(UriPartial.Authority) ?? "");
        return builder;
    }

    internal static void Apply(HttpStandardResilienceOptions options, int downstreamDepth)
    {
        options.AttemptTimeout.Timeout = Attempt(downstreamDepth);
        options.TotalRequestTimeout.Timeout = Total(downstreamDepth);
        // Short, few retries: the lab shows failures quickly instead of hiding them behind long back-off.
        options.Retry.MaxRetryAttempts = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        // The breaker samples over at least twice the attempt timeout, as the handler's validation requires.
        options.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(Math.Max(30, 2 * Attempt(downstreamDepth).TotalSeconds));
        // An open breaker lets one trial call through per break; with the default 5 s a callee back after a crash waited
        // up to 5 s more for its callers (docs/benchmarks.md, the soak). 1 s probes a dead callee once a second instead.
        options.CircuitBreaker.BreakDuration = BreakDuration;
    }
}
