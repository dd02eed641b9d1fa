using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using TracingLab.Relay;

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
}
