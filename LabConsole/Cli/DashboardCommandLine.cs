using System.Globalization;
using System.Runtime.InteropServices;

namespace TracingLab.Dashboard.Cli;

/// <summary>
/// Standalone entry: `dotnet run --project Dashboard -- [flags]`. Sub-commands (e.g. a future `compare`) are
/// dispatched by their first argument through <see cref="Commands"/>; everything else runs the dashboard.
/// </summary>
public static class DashboardCommandLine
{
    public const int ExitBadArguments = 2;

    /// <summary>Sub-commands by name; add one with a line here.</summary>
    public static readonly Dictionary<string, Func<string[], Task<int>>> Commands = new(StringComparer.Ordinal);

    private static readonly string[] Flags =
    [
        "--ui-url <url>", "--otlp-grpc-url <url>", "--otlp-http-url <url>", "--allow-anonymous", "--browser-token <token>",
        "--api-key <key>", "--otlp-api-key <key>", "--otlp-secondary-api-key <key>", "--max-message-bytes <n>",
        "--max-traces <n>", "--max-logs <n>", "--max-metric-points <n>", "--storage <path>", "--keep-runs <n>", "--help",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length > 0 && Commands.TryGetValue(args[0], out var command))
        {
            return await command(args[1..]).ConfigureAwait(false);
        }

        var (options, errors, help) = Parse(args);
        if (help)
        {
            await Console.Out.WriteLineAsync(Usage()).ConfigureAwait(false);
            return 0;
        }

        errors.AddRange(DashboardOptionsValidator.Validate(options));
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                await Console.Error.WriteLineAsync(error).ConfigureAwait(false);
            }

            await Console.Error.WriteLineAsync(Usage()).ConfigureAwait(false);
            return ExitBadArguments;
        }

        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx => { ctx.Cancel = true; stop.TrySetResult(); });
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx => { ctx.Cancel = true; stop.TrySetResult(); });
        await using var server = await DashboardServer.StartAsync(options).ConfigureAwait(false);
        await Console.Out.WriteLineAsync(
            $"""
            TracingLab dashboard
              UI:         {server.UiUrl}
              Login:      {(options.AllowAnonymous ? server.UiUrl + " (anonymous access allowed)" : server.LoginUrl)}
              OTLP gRPC:  {server.OtlpGrpcUrl}
              OTLP HTTP:  {server.OtlpHttpUrl}
              API key:    {(options.AllowAnonymous ? "not required" : server.ApiKey)} (header x-api-key)
              OTLP key:   {(options.OtlpPrimaryApiKey is null ? "not required" : "required (header x-otlp-api-key)")}
            Press Ctrl+C to stop.
            """).ConfigureAwait(false);
        await stop.Task.ConfigureAwait(false);
        await server.StopAsync().ConfigureAwait(false);
        return 0;
    }

    /// <summary>Parses flags into options; every problem names the flag, the value given and what is allowed.</summary>
    public static (DashboardOptions Options, List<string> Errors, bool Help) Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new DashboardOptions();
        var errors = new List<string>();
        var help = false;
        for (var i = 0; i < args.Count; i++)
        {
            var flag = args[i];
            string? Value()
            {
                if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    return args[++i];
                }

                errors.Add($"{flag} needs a value: {Flags.First(f => f.StartsWith(flag + " ", StringComparison.Ordinal))}");
                return null;
            }

            int Int(int current)
            {
                var text = Value();
                if (text is null)
                {
                    return current;
                }

                if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
                {
                    return n;
                }

                errors.Add($"{flag} '{text}' is not a whole number");
                return current;
            }

            switch (flag)
            {
                case "--ui-url": options.UiUrl = Value() ?? options.UiUrl; break;
                case "--otlp-grpc-url": options.OtlpGrpcUrl = Value() ?? options.OtlpGrpcUrl; break;
                case "--otlp-http-url": options.OtlpHttpUrl = Value() ?? options.OtlpHttpUrl; break;
                case "--allow-anonymous": options.AllowAnonymous = true; break;
                case "--browser-token": options.BrowserToken = Value(); break;
                case "--api-key": options.ApiKey = Value(); break;
                case "--otlp-api-key": options.OtlpPrimaryApiKey = Value(); break;
                case "--otlp-secondary-api-key": options.OtlpSecondaryApiKey = Value(); break;
                case "--max-message-bytes": options.MaxOtlpMessageBytes = Int(options.MaxOtlpMessageBytes); break;
                case "--max-traces": options.MaxTracesPerResource = Int(options.MaxTracesPerResource); break;
                case "--max-logs": options.MaxLogsPerResource = Int(options.MaxLogsPerResource); break;
                case "--max-metric-points": options.MaxMetricPointsPerResource = Int(options.MaxMetricPointsPerResource); break;
                case "--storage": options.StoragePath = Value(); break;
                case "--keep-runs": options.KeepRuns = Int(options.KeepRuns); break;
                case "--help" or "-h": help = true; break;
                default:
                    errors.Add($"unknown flag '{flag}'; allowed: {string.Join(", ", Flags.Select(f => f.Split(' ')[0]))}" +
                        (Commands.Count > 0 ? $"; sub-commands: {string.Join(", ", Commands.Keys)}" : string.Empty));
                    break;
            }
        }

        return (options, errors, help);
    }

    public static string Usage() => "usage: dotnet run --project Dashboard -- [flags]\nflags:\n  " + string.Join("\n  ", Flags);
}
