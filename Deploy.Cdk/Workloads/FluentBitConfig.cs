using System.Text;
using TracingLab.Deploy.Topology;

namespace TracingLab.Deploy.Workloads;

/// <summary>
/// Fluent Bit configuration for the lab's log routing. The services write Error and Critical (ERROR/FATAL) to stderr
/// (<c>Logging__Console__LogToStandardErrorThreshold=Error</c>); the router retags stderr records and sends them to a
/// stream of their own (<c>errors/…</c>), everything else to <c>app/…</c>. Records are sent as the raw JSON line
/// (<c>log_key log</c>) so metric filters and Logs Insights see the service's own fields.
/// </summary>
public static class FluentBitConfig
{
    /// <summary>
    /// Extra config for the ECS FireLens router, loaded by the init image from S3. FireLens tags the app's records
    /// <c>app-firelens-{task}</c> and generates the main output itself from the container's log options.
    /// </summary>
    public static string EcsExtra(LabService service) => new StringBuilder()
        .AppendLine("[FILTER]")
        .AppendLine("    Name          rewrite_tag")
        .AppendLine("    Match         app-firelens-*")
        .AppendLine("    Rule          $source ^stderr$ errors.$TAG false")
        .AppendLine("    Emitter_Name  errors_emitter")
        .AppendLine()
        .Append(ErrorsOutput(service, "errors.*"))
        .ToString();

    /// <summary>The whole config of the EKS DaemonSet: tail the service's containers, route stderr to errors/.</summary>
    public static string Eks(LabService service, string @namespace) => new StringBuilder()
        .AppendLine("[SERVICE]")
        .AppendLine("    Flush         5")
        .AppendLine("    Log_Level     info")
        .AppendLine("    Parsers_File  /fluent-bit/parsers/parsers.conf")
        .AppendLine("    HTTP_Server   On")
        .AppendLine("    HTTP_Listen   0.0.0.0")
        .AppendLine("    HTTP_Port     2020")
        .AppendLine("    Health_Check  On")
        .AppendLine()
        .AppendLine("[INPUT]")
        .AppendLine("    Name              tail")
        .AppendLine("    Tag               app.*")
        .AppendLine($"    Path              /var/log/containers/{service.Name()}-*_{@namespace}_app-*.log")
        .AppendLine("    multiline.parser  cri")
        .AppendLine("    DB                /var/fluent-bit/state/flb_app.db")
        .AppendLine("    Mem_Buf_Limit     10MB")
        .AppendLine("    Skip_Long_Lines   On")
        .AppendLine()
        .AppendLine("[FILTER]")
        .AppendLine("    Name          rewrite_tag")
        .AppendLine("    Match         app.*")
        .AppendLine("    Rule          $stream ^stderr$ errors.$TAG false")
        .AppendLine("    Emitter_Name  errors_emitter")
        .AppendLine()
        .AppendLine("[OUTPUT]")
        .AppendLine("    Name               cloudwatch_logs")
        .AppendLine("    Match              app.*")
        .AppendLine("    region             ${AWS_REGION}")
        .AppendLine($"    log_group_name     {ServiceEnvironment.LogGroupName(service)}")
        .AppendLine("    log_stream_prefix  app/")
        .AppendLine("    log_key            log")
        .AppendLine("    auto_create_group  false")
        .AppendLine()
        .Append(ErrorsOutput(service, "errors.*"))
        .ToString();

    private static string ErrorsOutput(LabService service, string match) => new StringBuilder()
        .AppendLine("[OUTPUT]")
        .AppendLine("    Name               cloudwatch_logs")
        .AppendLine($"    Match              {match}")
        .AppendLine("    region             ${AWS_REGION}")
        .AppendLine($"    log_group_name     {ServiceEnvironment.LogGroupName(service)}")
        .AppendLine("    log_stream_prefix  errors/")
        .AppendLine("    log_key            log")
        .AppendLine("    auto_create_group  false")
        .ToString();
}
