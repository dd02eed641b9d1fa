using System.Globalization;
using TracingLab.Testing;

namespace TracingLab.Lab.Benchmarks;

/// <summary>What /proc says of the processes an AppHost runs: their role, CPU time and resident memory (Linux).</summary>
internal static class LabProcesses
{
    /// <summary>The AppHost and everything it runs (DCP, the dashboard, the services), by pid, with their command lines.</summary>
    public static Dictionary<int, string> Of(int appHost)
    {
        var processes = ProcessTree.Descendants(appHost);
        processes[appHost] = CommandLine(appHost) is { Length: > 0 } command ? command : "AppHost";
        return processes;
    }

    /// <summary>A short name for a process of an AppHost: apphost, dcp, dashboard, servicea/b/c, labconsole.</summary>
    public static string Role(string command, int pid, int appHost) => command switch
    {
        _ when pid == appHost => "apphost",
        _ when command.Contains("Aspire.Dashboard", StringComparison.Ordinal) => "dashboard",
        _ when command.Contains("/dcp", StringComparison.Ordinal) || command.StartsWith("dcp", StringComparison.Ordinal) => "dcp",
        _ when command.Contains("ServiceA", StringComparison.Ordinal) => "servicea",
        _ when command.Contains("ServiceB", StringComparison.Ordinal) => "serviceb",
        _ when command.Contains("ServiceC", StringComparison.Ordinal) => "servicec",
        _ when command.Contains("LabConsole", StringComparison.Ordinal) => "labconsole",
        _ => "other",
    };

    // /proc/<pid>/stat fields 14 and 15 (utime, stime), in clock ticks of 1/100 s (USER_HZ), counted after the ")" that
    // ends the command name (which may hold spaces).
    public static double? CpuMs(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10.0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null; // gone between listing and reading
        }
    }

    /// <summary>Resident set size in MiB (VmRSS of /proc/pid/status), or null once the process is gone.</summary>
    public static double? RssMiB(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
                }
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

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
