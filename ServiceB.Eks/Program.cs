using TracingLab.ServiceB.Analysis;
using TracingLab.ServiceB.Lab;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddAnalysis();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapAnalysisApi();
app.MapLabProbe();

app.Run();
