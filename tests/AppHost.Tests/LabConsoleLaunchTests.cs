using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using TracingLab.AppHost.LabConsole;

namespace AppHost.Tests;

public class LabConsoleLaunchTests
{
    [Fact]
    public async Task TheConsoleRunsFromTheAssemblyItsBuildMadeInItsProjectFolder()
    {
        var builder = DistributedApplication.CreateBuilder();
        var console = builder.AddLabConsole("labconsole").Resource;

        Assert.IsType<ExecutableResource>(console);
        Assert.Equal("dotnet", console.Command);
        var args = new List<object>();
        foreach (var annotation in console.Annotations.OfType<CommandLineArgsCallbackAnnotation>())
        {
            await annotation.Callback(new CommandLineArgsCallbackContext(args));
        }

        Assert.Equal(2, args.Count);
        Assert.Equal("exec", args[0]);
        var assembly = Assert.IsType<string>(args[1]);
        Assert.EndsWith($"{Path.DirectorySeparatorChar}TracingLab.LabConsole.dll", assembly, StringComparison.Ordinal);
        Assert.True(File.Exists(assembly), $"{assembly} does not exist");
        // Built for the configuration the AppHost was built for, as `dotnet run --configuration` would pick.
        Assert.Contains($"{Path.DirectorySeparatorChar}{Configuration}{Path.DirectorySeparatorChar}", assembly, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(console.WorkingDirectory, "LabConsole.csproj")), $"{console.WorkingDirectory} is not the console's project folder");
    }

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif
}
