using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using TracingLab.Relay;
using TracingLab.Relay.Faults;

namespace TracingLab.AppHost.Links;

/// <summary>What a user can do to a link from the Aspire dashboard (or a test, through ResourceCommandService).</summary>
public static class LinkCommands
{
    /// <summary>Switches the link off: open connections are reset and new ones refused until it is switched on.</summary>
    public const string SwitchOff = "switch-off";

    /// <summary>Switches the link back on.</summary>
    public const string SwitchOn = "switch-on";

    /// <summary>Sets the added one-way delay and jitter of every relay of the link (arguments delayMs, jitterMs).</summary>
    public const string SetDelay = "set-delay";

    /// <summary>The argument names of <see cref="SetDelay"/>.</summary>
    public const string DelayArgument = "delayMs";

    /// <inheritdoc cref="DelayArgument"/>
    public const string JitterArgument = "jitterMs";

    /// <summary>Adds a fault to every relay of the link (arguments kind, direction, value, afterBytes).</summary>
    public const string InjectFault = "inject-fault";

    /// <summary>Removes every fault of the link.</summary>
    public const string ClearFaults = "clear-faults";

    /// <summary>The argument names of <see cref="InjectFault"/>.</summary>
    public const string KindArgument = "kind";

    /// <inheritdoc cref="KindArgument"/>
    public const string DirectionArgument = "direction";

    /// <inheritdoc cref="KindArgument"/>
    public const string ValueArgument = "value";

    /// <inheritdoc cref="KindArgument"/>
    public const string AfterBytesArgument = "afterBytes";

    private static readonly string[] Kinds = ["latency", "jitter", "loss", "blackhole", "reset", "bandwidth"];

    private static readonly string[] Directions = ["both", "caller-to-callee", "callee-to-caller"];

    internal static IResourceBuilder<LinkResource> WithLinkCommands(this IResourceBuilder<LinkResource> link)
    {
        return link
            .WithCommand(SwitchOff, "Switch off", context => SwitchAsync(context, link.Resource, on: false), new CommandOptions
            {
                Description = "Take the link away: open connections are reset, new ones refused; calls over it fail with a 502 that names the link.",
                IconName = "PlugDisconnected",
                IsHighlighted = true,
                UpdateState = context => IsOn(context) ? ResourceCommandState.Enabled : ResourceCommandState.Disabled,
            })
            .WithCommand(SwitchOn, "Switch on", context => SwitchAsync(context, link.Resource, on: true), new CommandOptions
            {
                Description = "Put the link back: the next connection is relayed again.",
                IconName = "PlugConnected",
                IsHighlighted = true,
                UpdateState = context => IsOn(context) ? ResourceCommandState.Disabled : ResourceCommandState.Enabled,
            })
            .WithCommand(SetDelay, "Set delay/jitter", context => SetDelayAsync(context, link.Resource), new CommandOptions
            {
                Description = "Change the added one-way delay and jitter (ms) of every relay of this link; open connections are reset so the next request sees it.",
                IconName = "Timer",
                Arguments =
                [
                    new InteractionInput { Name = DelayArgument, Label = "Delay (ms, one way)", InputType = InputType.Text, Required = true, Placeholder = "0.05" },
                    new InteractionInput { Name = JitterArgument, Label = "Jitter (ms)", InputType = InputType.Text, Required = true, Placeholder = "0.02" },
                ],
            })
            .WithCommand(InjectFault, "Inject fault", context => InjectAsync(context, link.Resource), new CommandOptions
            {
                Description = "Break the link as AWS links break: latency, jitter, loss, blackhole, reset or a bandwidth cap, on every relay of this link, until cleared (docs/faults.md).",
                IconName = "Warning",
                Arguments =
                [
                    new InteractionInput
                    {
                        Name = KindArgument, Label = "Kind", InputType = InputType.Choice, Required = true,
                        Options = [.. Kinds.Select(k => KeyValuePair.Create(k, k))],
                    },
                    new InteractionInput
                    {
                        Name = DirectionArgument, Label = "Direction", InputType = InputType.Choice, Required = false,
                        Options = [.. Directions.Select(d => KeyValuePair.Create(d, d))],
                    },
                    new InteractionInput
                    {
                        Name = ValueArgument, Label = "Value: latency/jitter ms, loss/reset %, bandwidth bit/s (blackhole: none)",
                        InputType = InputType.Text, Required = false, Placeholder = "200",
                    },
                    new InteractionInput
                    {
                        Name = AfterBytesArgument, Label = "Reset after bytes (reset only, optional)", InputType = InputType.Text, Required = false,
                    },
                ],
            })
            .WithCommand(ClearFaults, "Clear faults", context => ClearAsync(context, link.Resource), new CommandOptions
            {
                Description = "Remove every fault of this link: held bytes flow again, new connections are relayed.",
                IconName = "ArrowReset",
            });
    }

    /// <summary>Null when <paramref name="value"/> is a valid delay or jitter; otherwise what is wrong with it.</summary>
    public static string? Problem(string name, string? value) =>
        LinkProfileSet.TryParseMs(value, out _)
            ? null
            : $"{name} is '{value ?? "(none)"}'; allowed: milliseconds from 0 to {LinkProfile.MaxMs.ToString("0", CultureInfo.InvariantCulture)}, such as 0.05 or 2.";

    private static bool IsOn(UpdateCommandStateContext context) => context.ResourceSnapshot.State?.Text != LinkResource.OffState;

    private static async Task<ExecuteCommandResult> SwitchAsync(ExecuteCommandContext context, LinkResource link, bool on)
    {
        foreach (var relay in link.Relays)
        {
            if (on)
            {
                relay.SwitchOn();
            }
            else
            {
                relay.SwitchOff();
            }
        }

        await LinkStatePublisher.PublishAsync(context.Services.GetRequiredService<ResourceNotificationService>(), link).ConfigureAwait(false);
        return CommandResults.Success($"{link.Name} is {(on ? "on" : "off")} for {link.Relays.Count} calls.");
    }

    private static async Task<ExecuteCommandResult> SetDelayAsync(ExecuteCommandContext context, LinkResource link)
    {
        var delay = context.Arguments.GetString(DelayArgument);
        var jitter = context.Arguments.GetString(JitterArgument);
        // A bad value fails the command with a message naming it (the dashboard shows it), and changes nothing.
        if (!LinkProfileSet.TryParseMs(delay, out var delayMs) || !LinkProfileSet.TryParseMs(jitter, out var jitterMs))
        {
            return CommandResults.Failure((Problem(DelayArgument, delay) ?? Problem(JitterArgument, jitter))!);
        }

        foreach (var relay in link.Relays)
        {
            relay.SetProfile(relay.Profile with
            {
                DelayMs = delayMs,
                JitterMs = jitterMs,
                Source = $"set by the {SetDelay} command at {DateTimeOffset.UtcNow:O}; the lab's default: {relay.Spec.Profile.Source}",
            });
        }

        await LinkStatePublisher.PublishAsync(context.Services.GetRequiredService<ResourceNotificationService>(), link).ConfigureAwait(false);
        return CommandResults.Success($"{link.Name}: {delay} ± {jitter} ms one way on {link.Relays.Count} calls.");
    }

    /// <summary>The fault the command's arguments describe, or what is wrong with them (naming the value and what is allowed).</summary>
    public static RelayFault? ToFault(string? kind, string? direction, string? value, string? afterBytes, out string? problem)
    {
        problem = null;
        var k = kind?.Trim().ToLowerInvariant();
        if (k is null || !Kinds.Contains(k))
        {
            problem = $"{KindArgument} is '{Bounded(kind)}'; allowed: {string.Join(", ", Kinds)}.";
            return null;
        }

        FaultDirection dir;
        switch (string.IsNullOrWhiteSpace(direction) ? "both" : direction.Trim().ToLowerInvariant())
        {
            case "both": dir = FaultDirection.Both; break;
            case "caller-to-callee": dir = FaultDirection.CallerToCallee; break;
            case "callee-to-caller": dir = FaultDirection.CalleeToCaller; break;
            default:
                problem = $"{DirectionArgument} is '{Bounded(direction)}'; allowed: {string.Join(", ", Directions)}.";
                return null;
        }

        double number = 0;
        var needsValue = k is not "blackhole" && !(k == "reset" && !string.IsNullOrWhiteSpace(afterBytes));
        if (needsValue && !double.TryParse(value?.Trim().TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out number))
        {
            problem = $"{ValueArgument} is '{Bounded(value)}'; allowed for {k}: {Allowed(k)}.";
            return null;
        }

        long? after = null;
        if (!string.IsNullOrWhiteSpace(afterBytes))
        {
            if (k != "reset" || !long.TryParse(afterBytes.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var a))
            {
                problem = $"{AfterBytesArgument} is '{Bounded(afterBytes)}'; allowed: a whole number of bytes, for reset only.";
                return null;
            }

            after = a;
        }

        try
        {
            return k switch
            {
                "latency" => new LatencyFault(Ms(number), dir),
                "jitter" => new JitterFault(Ms(number), dir),
                "loss" => new LossFault(number / 100, dir),
                "blackhole" => new BlackholeFault(dir),
                "reset" => new ResetFault(number / 100, after, dir),
                _ => new BandwidthFault((long)number, dir),
            };
        }
        catch (ArgumentOutOfRangeException)
        {
            problem = $"{ValueArgument} is '{Bounded(value)}'; allowed for {k}: {Allowed(k)}.";
            return null;
        }
    }

    private static TimeSpan Ms(double ms) => double.IsFinite(ms) && ms is >= 0 and <= 60_000 ? TimeSpan.FromMilliseconds(ms) : throw new ArgumentOutOfRangeException(nameof(ms));

    private static string Allowed(string kind) => kind switch
    {
        "latency" or "jitter" => "milliseconds from 0 to 60000, such as 200",
        "loss" => "a percentage from 0 to 100, such as 5",
        "reset" => "a percentage from 0 to 100 of chunks, or an afterBytes count",
        _ => "bits per second, more than 0, such as 1000000",
    };

    private static string Bounded(string? value) => value is null ? "(none)" : value.Length > 40 ? value[..40] + "…" : value;

    private static async Task<ExecuteCommandResult> InjectAsync(ExecuteCommandContext context, LinkResource link)
    {
        var fault = ToFault(
            Optional(context, KindArgument), Optional(context, DirectionArgument),
            Optional(context, ValueArgument), Optional(context, AfterBytesArgument), out var problem);
        if (fault is null)
        {
            return CommandResults.Failure(problem!);
        }

        foreach (var relay in link.Relays)
        {
            relay.Inject(fault);
        }

        await LinkStatePublisher.PublishAsync(context.Services.GetRequiredService<ResourceNotificationService>(), link).ConfigureAwait(false);
        return CommandResults.Success($"{link.Name}: {fault.Description} on {link.Relays.Count} calls.");
    }

    // A caller (a test, the CLI) may leave optional inputs out of the collection altogether.
    private static string? Optional(ExecuteCommandContext context, string name) =>
        context.Arguments.TryGetByName(name, out var input) ? input.Value : null;

    private static async Task<ExecuteCommandResult> ClearAsync(ExecuteCommandContext context, LinkResource link)
    {
        foreach (var relay in link.Relays)
        {
            relay.ClearFaults();
        }

        await LinkStatePublisher.PublishAsync(context.Services.GetRequiredService<ResourceNotificationService>(), link).ConfigureAwait(false);
        return CommandResults.Success($"{link.Name}: no faults on {link.Relays.Count} calls.");
    }
}
