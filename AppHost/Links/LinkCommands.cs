using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using TracingLab.Relay;
using TracingLab.Contracts.Faults;
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

    /// <summary>Adds a fault to every relay of the link (arguments kind, direction, value: docs/faults-grammar.md).</summary>
    public const string InjectFault = "inject-fault";

    /// <summary>Removes every fault of the link.</summary>
    public const string ClearFaults = "clear-faults";

    /// <summary>The argument names of <see cref="InjectFault"/>.</summary>
    public const string KindArgument = "kind";

    /// <inheritdoc cref="KindArgument"/>
    public const string DirectionArgument = "direction";

    /// <inheritdoc cref="KindArgument"/>
    public const string ValueArgument = "value";

    private static readonly string[] Kinds = [.. FaultKinds.All.Select(FaultKinds.Name)];

    private static readonly string[] Directions = [.. FaultDirections.All.Select(FaultDirections.Name)];

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
                        Name = ValueArgument, Label = "Parameters, as in --link-faults: 200ms, 200ms~50ms, 5%, after=64KiB, 1Mbit (blackhole: none)",
                        InputType = InputType.Text, Required = false, Placeholder = "200ms",
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

    /// <summary>
    /// The relay faults the command's arguments describe, read with the lab's fault vocabulary (the same as
    /// <c>--link-faults</c>, docs/faults-grammar.md), or null with every problem in <paramref name="problem"/>.
    /// </summary>
    public static IReadOnlyList<RelayFault>? ToFaults(string link, string? kind, string? direction, string? value, out string? problem)
    {
        problem = null;
        var text = $"{link}={kind?.Trim()}" + (string.IsNullOrWhiteSpace(value) ? "" : ":" + value.Trim()) +
                   (string.IsNullOrWhiteSpace(direction) ? "" : "@" + direction.Trim());
        if (!LinkFaults.TryParse(text, out var faults, out var errors))
        {
            problem = string.Join(" ", errors);
            return null;
        }

        // The value is one fault's parameters; a comma would smuggle in faults for other links.
        if (faults.Count != 1 || faults[0].Link != link)
        {
            problem = $"{ValueArgument} is '{Bounded(value)}'; allowed: the parameters of one {kind} fault, such as 200ms, 5% or 1Mbit.";
            return null;
        }

        return RelayFaultMapping.ToRelayFaults(faults[0]);
    }

    private static string Bounded(string? value) => value is null ? "(none)" : value.Length > 40 ? value[..40] + "…" : value;

    private static async Task<ExecuteCommandResult> InjectAsync(ExecuteCommandContext context, LinkResource link)
    {
        var faults = ToFaults(
            link.Name, Optional(context, KindArgument), Optional(context, DirectionArgument), Optional(context, ValueArgument), out var problem);
        if (faults is null)
        {
            return CommandResults.Failure(problem!);
        }

        foreach (var relay in link.Relays)
        {
            foreach (var fault in faults)
            {
                relay.Inject(fault);
            }
        }

        await LinkStatePublisher.PublishAsync(context.Services.GetRequiredService<ResourceNotificationService>(), link).ConfigureAwait(false);
        return CommandResults.Success($"{link.Name}: {string.Join("; ", faults.Select(f => f.Description))} on {link.Relays.Count} calls.");
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
