using System.Runtime.InteropServices;

namespace TracingLab.AppHost.Hosting;

/// <summary>Asks a child process to stop gracefully (SIGTERM) where the platform allows it.</summary>
internal static partial class Signals
{
    private const int SigTerm = 15;

    /// <summary>Sends SIGTERM on Unix; returns false where that isn't possible (the caller then kills).</summary>
    public static bool TryTerminate(int pid) =>
        !OperatingSystem.IsWindows() && Kill(pid, SigTerm) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
