namespace TracingLab.AppHost.Hosting;

/// <summary>The lifecycle states a supervised process goes through, with the names the dashboard shows.</summary>
public static class ResourceState
{
    /// <summary>Not started yet.</summary>
    public const string NotStarted = "NotStarted";

    /// <summary>Held until its WaitFor dependencies are healthy.</summary>
    public const string Waiting = "Waiting";

    /// <summary>Process launched.</summary>
    public const string Starting = "Starting";

    /// <summary>Process running.</summary>
    public const string Running = "Running";

    /// <summary>Process exited unexpectedly; a restart is scheduled.</summary>
    public const string Restarting = "Restarting";

    /// <summary>Failed to start (for example, its executable is missing).</summary>
    public const string FailedToStart = "FailedToStart";

    /// <summary>Stopped by the AppHost.</summary>
    public const string Finished = "Finished";
}
