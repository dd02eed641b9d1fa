// The lab dashboard, standalone. Hosted in-process by the AppHost through DashboardServer instead.
return await TracingLab.Dashboard.Cli.DashboardCommandLine.RunAsync(args);
