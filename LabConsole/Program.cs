// The lab dashboard, standalone. Hosted in-process by the AppHost through DashboardServer instead.
TracingLab.Dashboard.Cli.DashboardCommandLine.Commands[TracingLab.Dashboard.XRay.XRayCompareCommand.Name] = TracingLab.Dashboard.XRay.XRayCompareCommand.RunAsync;
return await TracingLab.Dashboard.Cli.DashboardCommandLine.RunAsync(args);
