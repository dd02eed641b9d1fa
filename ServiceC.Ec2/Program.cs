using TracingLab.ServiceC.Inventory;
using TracingLab.ServiceDefaults.Lab;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddInventory();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapInventoryApi();
app.MapLabEcho("servicec");

app.Run();
