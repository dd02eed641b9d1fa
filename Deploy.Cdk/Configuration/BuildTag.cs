using System.Diagnostics;

namespace TracingLab.Deploy.Configuration;

/// <summary>
/// The image tag a build derives: the repository's commit (<c>git rev-parse --short=12 HEAD</c>), the same tag
/// docs/deploy.md pushes the images with. Null when git or the repository is not there.
/// </summary>
public static class BuildTag
{
    public static string? FromGit(string repositoryRoot)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", ["-C", repositoryRoot, "rev-parse", "--short=12", "HEAD"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (git is null)
            {
                return null;
            }

            var sha = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 && sha.Length > 0 ? sha : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
