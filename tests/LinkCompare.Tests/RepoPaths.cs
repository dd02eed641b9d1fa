using System.Runtime.CompilerServices;

namespace TracingLab.LinkCompare.Tests;

/// <summary>Paths in the source tree, found from this file's own location at compile time.</summary>
internal static class RepoPaths
{
    public static string TestProject([CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;

    public static string Root() => Path.GetFullPath(Path.Combine(TestProject(), "..", ".."));

    public static string PriceFile() => Path.Combine(Root(), "LinkCompare", "Prices", "aws-links-us-east-1.json");
}
