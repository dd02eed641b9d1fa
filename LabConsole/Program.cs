// The lab console: `dotnet run --project LabConsole` serves the UI and API (on ASPNETCORE_URLS, default
// http://127.0.0.1:18880). The CI comparison of local traces with X-Ray is tools/TraceCompare.
using TracingLab.LabConsole.Hosting;

await using var app = LabConsoleApp.Build(args);
await app.RunAsync();
