using TracingLab.Dashboard;

await using var server = await DashboardServer.StartAsync(new DashboardOptions());
Console.WriteLine($"Dashboard: {server.LoginUrl}");
await Task.Delay(Timeout.Infinite);
