using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TracingLab.Lab.Benchmarks;

/// <summary>
/// The floor for start-up on this machine: the three services' built executables started directly and in parallel,
/// with ephemeral ports and no telemetry endpoint, timed from just before the first spawn to all three /health 200.
/// </summary>
internal static class FloorBenchmark
{
    private static readonly (string Name, string Project)[] Services =
        [("servicea", "ServiceA.Ecs"), ("serviceb", "ServiceB.Eks"), ("servicec", "ServiceC.Ec2")];

    public static async Task<TimeSpan> StartAllAsync(string appHostDll, TimeSpan timeout, CancellationToken cancel)
    {
        var root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(appHostDll)!, "..", "..", "..", ".."));
        var configuration = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(appHostDll)!)!);
        var ports = Services.ToDictionary(s => s.Name, _ => FreePort());
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var processes = new List<Process>();
        var clock = Stopwatch.StartNew();
        try
        {
            foreach (var (name, project) in Services)
            {
                var exe = Path.Combine(root, project, "bin", configuration, "net10.0", $"TracingLab.{project}");
                var start = new ProcessStartInfo(exe)
                {
                    UseShellExecute = false,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    WorkingDirectory = Path.GetDirectoryName(exe)!, // appsettings.json (Lab:Platform) is read from the content root
                };
                start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{ports[name]}";
                start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
                foreach (var (other, port) in ports.Where(p => p.Key != name))
                {
                    start.Environment[$"services__{other}__http__0"] = $"http://127.0.0.1:{port}";
                }

                var process = Process.Start(start)!;
                process.OutputDataReceived += (_, _) => { };
                process.ErrorDataReceived += (_, _) => { };
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                processes.Add(process);
            }

            await Task.WhenAll(ports.Values.Select(port => WaitHealthyAsync(http, port, timeout, cancel)));
            return clock.Elapsed;
        }
        finally
        {
            foreach (var process in processes)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
                process.Dispose();
            }
        }
    }

    private static async Task WaitHealthyAsync(HttpClient http, int port, TimeSpan timeout, CancellationToken cancel)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health"), cancel);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancel.IsCancellationRequested)
            {
                // Slow answer; ask again.
            }

            await Task.Delay(10, cancel);
        }

        throw new TimeoutException($"127.0.0.1:{port}/health did not answer 200 within {timeout}.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
