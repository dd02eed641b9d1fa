using TracingLab.TraceCompare;

// Compares X-Ray's copy of a trace with the local one (Aspire dashboard or its export); see --help and docs/xray.md.
return await CompareCommand.RunAsync(args);
