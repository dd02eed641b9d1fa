using System.Text.Json;

namespace TracingLab.Testing;

/// <summary>The runtime settings a project ships with: its runtimeconfig.json, copied beside the tests that reference it.</summary>
public static class RuntimeConfig
{
    /// <summary>The <c>configProperties</c> entry <paramref name="name"/> of the assembly that defines <paramref name="typeInAssembly"/>.</summary>
    public static JsonElement Property(Type typeInAssembly, string name)
    {
        ArgumentNullException.ThrowIfNull(typeInAssembly);
        var file = Path.Combine(AppContext.BaseDirectory, typeInAssembly.Assembly.GetName().Name + ".runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(file));
        return config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").GetProperty(name).Clone();
    }
}
