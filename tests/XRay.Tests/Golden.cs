using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TracingLab.XRay.Tests;

/// <summary>
/// Compares a document with tests/XRay.Tests/Golden/{name}.json. Set XRAY_UPDATE_GOLDEN=1 to (re)write the files,
/// then review the diff before committing.
/// </summary>
internal static class Golden
{
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Match(string name, string json, [CallerFilePath] string callerFile = "")
    {
        var pretty = JsonNode.Parse(json)!.ToJsonString(Pretty).ReplaceLineEndings("\n") + "\n";
        var path = Path.Combine(Path.GetDirectoryName(callerFile)!, "Golden", name + ".json");
        if (Environment.GetEnvironmentVariable("XRAY_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, pretty);
            return;
        }
        // The source tree may be absent where tests run from a build output; the copied file is the fallback.
        var file = File.Exists(path) ? path : Path.Combine(AppContext.BaseDirectory, "Golden", name + ".json");
        Assert.True(File.Exists(file), $"Golden file {name}.json is missing; run the tests with XRAY_UPDATE_GOLDEN=1 to create it. Produced:\n{pretty}");
        var expected = File.ReadAllText(file).ReplaceLineEndings("\n");
        Assert.True(expected == pretty, $"Document for '{name}' differs from Golden/{name}.json.\nExpected:\n{expected}\nActual:\n{pretty}");
    }
}
