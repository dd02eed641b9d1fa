// The lab console: `dotnet run --project LabConsole` serves the UI and API (on ASPNETCORE_URLS, default
// http://127.0.0.1:18880); `dotnet run --project LabConsole -- compare ...` compares local traces with X-Ray for CI.
using TracingLab.LabConsole.Hosting;
using TracingLab.LabConsole.XRay;

if (args is [XRayCompareCommand.Name, .. var rest])
{
    return await XRayCompareCommand.RunAsync(rest);
}

await using var app = LabConsoleApp.Build(args);
await app.RunAsync();
return 0;
