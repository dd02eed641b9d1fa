namespace TracingLab.Deploy;

/// <summary>Finds the repository root (the folder holding TracingLab.sln) from a starting folder upward.</summary>
public static class RepositoryRoot
{
    public const string Marker = "TracingLab.sln";

    /// <exception cref="DirectoryNotFoundException">No folder above <paramref name="start"/> holds TracingLab.sln.</exception>
    public static string Find(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, Marker)))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No {Marker} found in '{start}' or above; run from inside the TracingLab repository.");
    }
}
