using System.Diagnostics;
using System.Globalization;
using System.Text;

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

        var deadline = DateTime.UtcNow.AddSeconds(20);
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

/// <summary>Processes under a pid, read from /proc (Linux), for the "nothing left behind" checks.</summary>
internal static class ProcessTree
{
    public const int SigTerm = 15;

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);

    public static void Signal(int pid, int signal) => _ = kill(pid, signal);

    /// <summary>
    /// Every descendant of <paramref name="root"/> with its command line, and of the DCP server that watches it: DCP
    /// detaches from the AppHost (its parent is init) and follows it with <c>--monitor &lt;pid&gt;</c>.
    /// </summary>
    public static Dictionary<int, string> Descendants(int root)
    {
        var result = ChildrenOf(root);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && CommandLine(pid).Contains($"--monitor {root.ToString(CultureInfo.InvariantCulture)} ", StringComparison.Ordinal))
            {
                result[pid] = CommandLine(pid);
                foreach (var (child, command) in ChildrenOf(pid))
                {
                    result[child] = command;
                }
            }
        }

        return result;
    }

    private static Dictionary<int, string> ChildrenOf(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && ParentOf(pid) is { } parent)
            {
                parents[pid] = parent;
            }
        }

        var result = new Dictionary<int, string>();
        var frontier = new Queue<int>([root]);
        while (frontier.Count > 0)
        {
            var current = frontier.Dequeue();
            foreach (var child in parents.Where(p => p.Value == current).Select(p => p.Key))
            {
                result[child] = CommandLine(child);
                frontier.Enqueue(child);
            }
        }

        return result;
    }

    /// <summary>Those of <paramref name="processes"/> still running with the same command line.</summary>
    public static Dictionary<int, string> Alive(Dictionary<int, string> processes) =>
        processes.Where(p => File.Exists($"/proc/{p.Key}/stat") && CommandLine(p.Key) == p.Value && !IsZombie(p.Key)).ToDictionary();

    private static int? ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return true;
        }
    }

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (IOException)
        {
            return "";
        }
    }
}
