using System.Globalization;

namespace TracingLab.Testing;

/// <summary>Processes under a pid, read from /proc (Linux), for the "nothing left behind" checks.</summary>
public static class ProcessTree
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
