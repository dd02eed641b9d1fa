using TracingLab.ServiceA.Lab;
using TracingLab.ServiceA.Orders;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddOrders();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapOrdersApi();
app.MapLabProbe();

app.Run();
