using System.Diagnostics;
using System.Globalization;
using System.Text;
using TracingLab.Testing;

namespace Lab.EndToEndTests;

/// <summary>The AppHost as a user runs it: its own process, its exit codes, and what is left after it stops.</summary>
public sealed class LabProcessTests
{
    [Theory]
    [InlineData("--links vpn", "--links has 'vpn' (in 'vpn'); allowed links: tgw, peering, privatelink")]
    [InlineData("--link-delay tgw=fast", "--link-delay has 'tgw=fast'")]
    [InlineData("Lab:Links=tgw,vpn", "Lab:Links has 'vpn' (in 'tgw,vpn')")]
    [InlineData("Lab:RandomPorts=maybe", "Lab:RandomPorts is 'maybe'; allowed: true or false.")]
    [InlineData("--restart-backoff 0", "--restart-backoff is '0'; allowed: seconds from 0.1 to 60")]
    public async Task ABadOptionExitsWith2NamingTheKeyTheValueAndWhatIsAllowed(string args, string expected)
    {
        using var process = Start(args.Split(' '));
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();

        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(process.ExitCode == 2, $"exit {process.ExitCode}\n{await stdout}\n{await stderr}");
        Assert.Contains(expected, await stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABusyStablePortExits2NamingThePortAndTheWayRound()
    {
        // servicec's stable port. If something else already holds it (a lab a developer left running), the AppHost must
        // say the same about that port or about one it checks before it.
        using var holder = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 5103);
        try
        {
            holder.Start();
        }
        catch (System.Net.Sockets.SocketException)
        {
            // Already held by someone else: the expectation is the same.
        }

        using var process = Start();
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();

        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        var errors = await stderr;
        Assert.True(process.ExitCode == 2, $"exit {process.ExitCode}\n{await stdout}\n{errors}");
        Assert.Contains("on 127.0.0.1 is in use. Stop whatever holds it, or run with --random-ports (Lab:RandomPorts=true).", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SigtermStopsTheServicesDcpAndTheDashboardAndLeavesNoProcess()
    {
        using var process = Start("Lab:RandomPorts=true", "ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true");
        var output = new StringBuilder();
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data?.Contains("TracingLab is up", StringComparison.Ordinal) == true)
            {
                up.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await up.Task.WaitAsync(AspireLab.StartTimeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"the lab did not come up:\n{output}");
        }

        var tree = ProcessTree.Descendants(process.Id);
        Assert.True(tree.Count >= 5, $"expected DCP, the dashboard and three services under the AppHost, saw {tree.Count}: {string.Join(", ", tree.Values)}");

        ProcessTree.Signal(process.Id, ProcessTree.SigTerm);
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        var deadline = DateTime.UtcNow.AddSeconds(60);
        var alive = ProcessTree.Alive(tree);
        while (alive.Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            alive = ProcessTree.Alive(tree);
        }

        Assert.True(alive.Count == 0, $"left behind: {string.Join(", ", alive.Select(p => $"{p.Key} {p.Value}"))}");
    }

    private static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(AppHostDll())!,
        };
        start.ArgumentList.Add(AppHostDll());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("ASPNETCORE_URLS");
        return Process.Start(start)!;
    }

    // The AppHost's own build output (the test builds it as a project reference).
    private static string AppHostDll()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TracingLab.sln")))
        {
            dir = dir.Parent;
        }

        var configuration = AppContext.BaseDirectory.Contains("/Debug/", StringComparison.Ordinal) ? "Debug" : "Release";
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("TracingLab.sln not found above the test"), "AppHost", "bin", configuration, "net10.0", "TracingLab.AppHost.dll");
    }
}
