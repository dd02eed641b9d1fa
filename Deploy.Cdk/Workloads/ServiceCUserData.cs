using System.Globalization;
using System.Text;
using System.Text.Json;
using TracingLab.Deploy.Configuration;
using TracingLab.Deploy.Topology;

namespace TracingLab.Deploy.Workloads;

/// <summary>
/// The boot script of service C's instances (Amazon Linux 2023): install the self-contained app from its S3 asset as
/// a systemd service, install and start the ADOT collector rpm with its config, and ship the app's logs to
/// CloudWatch Logs with the CloudWatch agent (stdout → app/, stderr = Error and Critical → errors/).
/// </summary>
public static class ServiceCUserData
{
    public const string InstallDir = "/opt/servicec";
    public const string Executable = "TracingLab.ServiceC.Ec2";
    public const string LogDir = "/var/log/servicec";
    public const string CollectorConfigPath = "/opt/aws/aws-otel-collector/etc/config.yaml";
    public const string AgentConfigPath = "/opt/aws/amazon-cloudwatch-agent/etc/tracinglab.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The script's commands, in order (CDK adds the shebang).</summary>
    /// <param name="appS3Url">s3:// URL of the zipped publish output (may contain CDK tokens).</param>
    /// <param name="adotS3Url">s3:// URL of the zipped ADOT rpm and its signing key (<see cref="DownloadBundling"/>).</param>
    /// <param name="region">Region of the stack.</param>
    /// <param name="links">Enabled links (service C calls nobody, so only the OTEL settings matter).</param>
    /// <param name="traceExport">How the collector sends traces.</param>
    public static IReadOnlyList<string> Commands(string appS3Url, string adotS3Url, string region, IReadOnlyList<LinkKind> links, TraceExport traceExport)
    {
        var env = ServiceEnvironment.For(LabService.C, links);
        var unit = new StringBuilder()
            .AppendLine("[Unit]")
            .AppendLine("Description=TracingLab service C")
            .AppendLine("After=network-online.target")
            .AppendLine("Wants=network-online.target")
            .AppendLine("[Service]")
            .AppendLine("User=servicec")
            .AppendLine(CultureInfo.InvariantCulture, $"WorkingDirectory={InstallDir}")
            .AppendLine(CultureInfo.InvariantCulture, $"ExecStart={InstallDir}/{Executable}");
        foreach (var (name, value) in env)
        {
            unit.AppendLine(CultureInfo.InvariantCulture, $"Environment=\"{name}={value}\"");
        }

        unit.AppendLine(CultureInfo.InvariantCulture, $"StandardOutput=append:{LogDir}/app.log")
            .AppendLine(CultureInfo.InvariantCulture, $"StandardError=append:{LogDir}/errors.log")
            .AppendLine("Restart=always")
            .AppendLine("RestartSec=5")
            .AppendLine("[Install]")
            .AppendLine("WantedBy=multi-user.target");

        return
        [
            "set -euxo pipefail",
            "dnf install -y amazon-cloudwatch-agent unzip aws-cfn-bootstrap",
            // The app: self-contained publish, zipped by CDK as an asset.
            $"aws s3 cp '{appS3Url}' /tmp/servicec.zip --region {region}",
            $"mkdir -p {InstallDir} && unzip -o /tmp/servicec.zip -d {InstallDir} && chmod +x {InstallDir}/{Executable}",
            "id servicec || useradd --system --no-create-home --shell /sbin/nologin servicec",
            $"mkdir -p {LogDir} && chown servicec:servicec {LogDir}",
            $"cat > /etc/systemd/system/servicec.service <<'UNIT'\n{unit}UNIT",
            // The collector beside the app (OTLP on localhost:4317), resource detection for EC2. The rpm comes from the
            // stack's asset bucket (same region, through the S3 gateway endpoint); its signature is checked first.
            $"aws s3 cp '{adotS3Url}' /tmp/adot.zip --region {region}",
            $"mkdir -p /tmp/adot && unzip -o /tmp/adot.zip -d /tmp/adot",
            $"rpm --import /tmp/adot/{LabImages.AdotKeyFile}",
            $"rpm --checksig /tmp/adot/{LabImages.AdotRpmFile}",
            $"rpm -Uvh /tmp/adot/{LabImages.AdotRpmFile}",
            $"cat > {CollectorConfigPath} <<'OTEL'\n{CollectorConfig.Yaml(CollectorPlatform.Ec2, region, Observability.LabLogs.MetricsLogGroupName, traceExport)}OTEL",
            $"/opt/aws/aws-otel-collector/bin/aws-otel-collector-ctl -a start -c {CollectorConfigPath}",
            // Logs: the CloudWatch agent tails stdout and stderr into the service's log group.
            $"cat > {AgentConfigPath} <<'CWA'\n{AgentConfig()}\nCWA",
            $"/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c file:{AgentConfigPath}",
            "systemctl daemon-reload",
            "systemctl enable --now servicec",
        ];
    }

    /// <summary>CloudWatch agent config: two files, two streams.</summary>
    public static string AgentConfig()
    {
        var group = ServiceEnvironment.LogGroupName(LabService.C);
        var config = new
        {
            agent = new { run_as_user = "root" },
            logs = new
            {
                logs_collected = new
                {
                    files = new
                    {
                        collect_list = new[]
                        {
                            new { file_path = $"{LogDir}/app.log", log_group_name = group, log_stream_name = "app/{instance_id}" },
                            new { file_path = $"{LogDir}/errors.log", log_group_name = group, log_stream_name = "errors/{instance_id}" },
                        },
                    },
                },
            },
        };
        return JsonSerializer.Serialize(config, Indented);
    }
}
