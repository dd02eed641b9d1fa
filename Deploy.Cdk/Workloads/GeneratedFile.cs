using System.Security.Cryptography;
using System.Text;

namespace TracingLab.Deploy.Workloads;

/// <summary>Generated content that CDK must ship as a file asset (assets are paths, not strings).</summary>
public static class GeneratedFile
{
    /// <summary>
    /// Writes <paramref name="content"/> under a temp folder named by its hash and returns the path; the same content
    /// always yields the same path, so the asset hash is stable across synths.
    /// </summary>
    public static string Write(string fileName, string content)
    {
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..16];
        var dir = Path.Combine(Path.GetTempPath(), "tracinglab-cdk", hash);
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, fileName);
        if (!File.Exists(path) || File.ReadAllText(path) != content)
        {
            File.WriteAllText(path, content);
        }

        return path;
    }
}
