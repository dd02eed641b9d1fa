namespace TracingLab.AppHost.Lab;

/// <summary>
/// How the lab's processes share a laptop's few cores. The AppHost (with the link relays), DCP, the Aspire dashboard,
/// three services and the lab console are seven processes; a request through the lab wakes several of them in turn.
/// .NET's thread pool lets an idle worker spin (yielding the core with <c>sched_yield</c>) before it sleeps, which pays
/// off on a server that runs one busy process, but here each spin takes the core from the process that has the next
/// piece of work: profiled on 2 cores, 37 % of the AppHost's CPU time was its workers' <c>sched_yield</c>, and the lab
/// spent 2.2 ms of AppHost CPU per <c>/lab/hops</c> (docs/benchmarks.md). With the spin off, idle workers sleep at once.
/// </summary>
public static class LabRuntime
{
    /// <summary>The runtime's setting for how long an idle thread-pool worker spins (default 70; 0 = sleep at once).</summary>
    public const string SpinLimitVariable = "DOTNET_ThreadPool_UnfairSemaphoreSpinLimit";

    /// <summary>
    /// Turns the spin off for every process the AppHost starts: DCP passes the AppHost's environment on to the dashboard,
    /// the services and the lab console. A value the user already set wins. The AppHost itself gets the same setting
    /// from its runtimeconfig (AppHost.csproj), since its own runtime read the environment before this ran.
    /// </summary>
    public static void ShareCores() => ShareCores(Environment.GetEnvironmentVariable, Environment.SetEnvironmentVariable);

    internal static void ShareCores(Func<string, string?> get, Action<string, string?> set)
    {
        ArgumentNullException.ThrowIfNull(get);
        ArgumentNullException.ThrowIfNull(set);
        if (string.IsNullOrEmpty(get(SpinLimitVariable)))
        {
            set(SpinLimitVariable, "0");
        }
    }
}
