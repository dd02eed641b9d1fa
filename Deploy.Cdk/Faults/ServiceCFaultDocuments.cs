using Amazon.CDK;
using Amazon.CDK.AWS.SSM;
using Constructs;

namespace TracingLab.Deploy.Faults;

/// <summary>
/// The lab's own SSM Command documents for the kinds AWS's <c>AWSFIS-Run-Network-*</c> documents lack, run on service
/// C through <c>aws:ssm:send-command</c> (FIS user guide, "Use Systems Manager SSM documents with AWS FIS"): a TCP
/// reset of a share of connections (nftables) and a bandwidth cap on C's responses (tc htb). Schema 2.2, one
/// <c>aws:runShellScript</c> step each (Systems Manager user guide, "Schema 2.2"). Each script undoes itself on exit,
/// on SIGTERM or SIGINT, and, should the script be killed outright (we found no source on how the agent stops a
/// cancelled command), from a transient systemd timer set for DurationSeconds plus a minute.
/// </summary>
public sealed class ServiceCFaultDocuments : Construct
{
    /// <summary>nftables table the reset document adds and deletes.</summary>
    public const string ResetTable = "tracinglab_fis_reset";

    public ServiceCFaultDocuments(Construct scope, string id)
        : base(scope, id)
    {
        var stack = Stack.Of(this);
        Reset = new CfnDocument(this, "Reset", new CfnDocumentProps
        {
            DocumentType = "Command",
            DocumentFormat = "JSON",
            Content = ResetContent(),
            UpdateMethod = "NewVersion",
        });
        Bandwidth = new CfnDocument(this, "Bandwidth", new CfnDocumentProps
        {
            DocumentType = "Command",
            DocumentFormat = "JSON",
            Content = BandwidthContent(),
            UpdateMethod = "NewVersion",
        });
        // Ref of a document is its name; an account's own document's ARN carries the account (unlike AWS's).
        string Arn(CfnDocument d) => $"arn:{Aws.PARTITION}:ssm:{stack.Region}:{stack.Account}:document/{d.Ref}";
        ResetArn = Arn(Reset);
        BandwidthArn = Arn(Bandwidth);
    }

    /// <summary>The reset document.</summary>
    public CfnDocument Reset { get; }

    /// <summary>The bandwidth document.</summary>
    public CfnDocument Bandwidth { get; }

    /// <summary>The reset document's ARN.</summary>
    public string ResetArn { get; }

    /// <summary>The bandwidth document's ARN.</summary>
    public string BandwidthArn { get; }

    /// <summary>The reset document's content (schema 2.2).</summary>
    public static Dictionary<string, object> ResetContent() => Document(
        "TracingLab: reset a share of the TCP connections to a port from some sources, for DurationSeconds, then roll back.",
        new Dictionary<string, object>
        {
            ["Percent"] = Parameter("Share of connections to reset, whole percent 1-100; each connection draws once.", "^([1-9][0-9]?|100)$"),
            ["Sources"] = Parameter("Comma-separated IPv4 CIDRs the connections come from.", CidrList),
            ["Port"] = Parameter("The local TCP port the connections reach.", PortPattern),
            ["DurationSeconds"] = Parameter("How long the fault lasts, in seconds.", SecondsPattern),
            ["InstallDependencies"] = InstallParameter("nftables"),
        },
        "reset",
        [
            .. Preamble("nft", "nftables"),
            // Each connection draws once under the fault, at its first packet (a pooled one included), as the local
            // relay's reset does: marked to reset or to spare with a mark unique to this run.
            "RUN=$(( (RANDOM << 1) & 0xfffe ))",
            "RESET_MARK=$(( 0x7f150000 | RUN )); SPARE_MARK=$(( RESET_MARK | 1 ))",
            $"rollback() {{ {StopTimer} nft delete table inet {ResetTable} 2>/dev/null || true; }}",
            $"if nft list table inet {ResetTable} >/dev/null 2>&1; then echo 'another reset fault is running' >&2; exit 1; fi",
            "trap rollback EXIT",
            "trap 'exit 143' TERM INT",
            $"{Timer} nft delete table inet {ResetTable} || true",
            $"nft add table inet {ResetTable}",
            $"nft add chain inet {ResetTable} input '{{ type filter hook input priority -10 ; }}'",
            $"nft add set inet {ResetTable} callers '{{ type ipv4_addr ; flags interval ; }}'",
            $"nft add element inet {ResetTable} callers \"{{ $SOURCES }}\"",
            $"nft add rule inet {ResetTable} input ip saddr @callers tcp dport $PORT ct mark != \"{{ $RESET_MARK, $SPARE_MARK }}\" numgen random mod 100 \"<\" $PERCENT ct mark set $RESET_MARK",
            $"nft add rule inet {ResetTable} input ip saddr @callers tcp dport $PORT ct mark != \"{{ $RESET_MARK, $SPARE_MARK }}\" ct mark set $SPARE_MARK",
            $"nft add rule inet {ResetTable} input ip saddr @callers tcp dport $PORT ct mark $RESET_MARK reject with tcp reset",
            "echo \"resetting ${PERCENT}% of connections from ${SOURCES} to port ${PORT} for ${DURATION}s\"",
            "sleep \"$DURATION\" & wait $!",
        ]);

    /// <summary>The bandwidth document's content (schema 2.2).</summary>
    public static Dictionary<string, object> BandwidthContent() => Document(
        "TracingLab: cap the responses from a port to each source CIDR at a rate (tc htb), for DurationSeconds, then roll back.",
        new Dictionary<string, object>
        {
            ["BitsPerSecond"] = Parameter("The cap per source CIDR, in bits per second (1000 to 100000000000).", "^[1-9][0-9]{3,11}$"),
            ["Sources"] = Parameter("Comma-separated IPv4 CIDRs the responses go to; each gets its own cap, shared by its connections.", CidrList),
            ["Port"] = Parameter("The local TCP port the responses come from.", PortPattern),
            ["DurationSeconds"] = Parameter("How long the fault lasts, in seconds.", SecondsPattern),
            ["InstallDependencies"] = InstallParameter("iproute-tc"),
        },
        "bandwidth",
        [
            .. Preamble("tc", "iproute-tc"),
            "IFACE=$(ip route show default | awk '/default/ { print $5; exit }')",
            "if [ -z \"$IFACE\" ]; then echo 'no default route interface' >&2; exit 1; fi",
            // Adding a root qdisc fails if one is there already (another fault): the rollback is armed only after ours.
            "tc qdisc add dev \"$IFACE\" root handle 1: htb default 1",
            $"rollback() {{ {StopTimer} tc qdisc del dev \"$IFACE\" root 2>/dev/null || true; }}",
            "trap rollback EXIT",
            "trap 'exit 143' TERM INT",
            $"{Timer} tc qdisc del dev \"$IFACE\" root || true",
            // Unmatched traffic goes to class 1:1, far above any instance's bandwidth.
            "tc class add dev \"$IFACE\" parent 1: classid 1:1 htb rate 400gbit",
            "CLASS=10",
            "for CIDR in ${SOURCES//,/ }; do",
            "  tc class add dev \"$IFACE\" parent 1: classid 1:$CLASS htb rate ${RATE}bit ceil ${RATE}bit",
            "  tc filter add dev \"$IFACE\" parent 1: protocol ip prio 1 u32 match ip dst \"$CIDR\" match ip sport \"$PORT\" 0xffff flowid 1:$CLASS",
            "  CLASS=$((CLASS + 1))",
            "done",
            "echo \"capping responses from port ${PORT} to each of ${SOURCES} at ${RATE} bit/s on ${IFACE} for ${DURATION}s\"",
            "sleep \"$DURATION\" & wait $!",
        ]);

    // The backstop timer is stopped by a clean rollback, so it cannot undo a later fault's qdisc or table.
    private const string Timer = "systemd-run --quiet --collect --unit=\"$UNIT\" --on-active=$((DURATION + 60))";
    private const string StopTimer = "systemctl stop \"$UNIT.timer\" 2>/dev/null || true;";

    private const string CidrList = @"^([0-9]{1,3}\.){3}[0-9]{1,3}/[0-9]{1,2}(,([0-9]{1,3}\.){3}[0-9]{1,3}/[0-9]{1,2})*$";
    private const string PortPattern = "^[1-9][0-9]{0,4}$";
    private const string SecondsPattern = "^[1-9][0-9]{0,5}$";

    private static Dictionary<string, object> Parameter(string description, string pattern) => new()
    {
        ["type"] = "String",
        ["description"] = description,
        ["allowedPattern"] = pattern,
    };

    private static Dictionary<string, object> InstallParameter(string package) => new()
    {
        ["type"] = "String",
        ["description"] = $"True: install {package} with dnf (or yum) if it is missing, as AWS's AWSFIS-Run-Network-* documents do.",
        ["allowedValues"] = new[] { "True", "False" },
        ["default"] = "True",
    };

    // Parameters are interpolated into the script as text; every one is held to an allowedPattern above.
    private static string[] Preamble(string tool, string package) =>
    [
        "#!/bin/bash",
        "set -euo pipefail",
        "DURATION='{{ DurationSeconds }}'; SOURCES='{{ Sources }}'; PORT='{{ Port }}'",
        $"UNIT=tracinglab-fis-{(package == "nftables" ? "reset" : "bandwidth")}-$$",
        package == "nftables" ? "PERCENT='{{ Percent }}'" : "RATE='{{ BitsPerSecond }}'",
        $"if ! command -v {tool} >/dev/null 2>&1; then",
        "  if [ '{{ InstallDependencies }}' != 'True' ]; then " +
        $"echo '{tool} is missing and InstallDependencies is False' >&2; exit 1; fi",
        $"  if command -v dnf >/dev/null 2>&1; then dnf install -y {package}; else yum install -y {package}; fi",
        "fi",
    ];

    private static Dictionary<string, object> Document(string description, Dictionary<string, object> parameters, string step, string[] script) => new()
    {
        ["schemaVersion"] = "2.2",
        ["description"] = description,
        ["parameters"] = parameters,
        ["mainSteps"] = new object[]
        {
            new Dictionary<string, object>
            {
                ["action"] = "aws:runShellScript",
                ["name"] = step,
                ["precondition"] = new Dictionary<string, object> { ["StringEquals"] = new[] { "platformType", "Linux" } },
                ["inputs"] = new Dictionary<string, object>
                {
                    ["runCommand"] = script,
                    // FIS's longest action (12 h) plus the install and the rollback; the default would stop it at 1 h.
                    ["timeoutSeconds"] = 43500,
                },
            },
        },
    };
}
