using System.Net;

namespace TracingLab.Relay.Lattice;

/// <summary>
/// What the lab's VPC Lattice says about itself and the caller: the headers it adds to every request it forwards, the
/// lab's ARNs in them, and the address the callee sees it connect from. The header names and formats are those of
/// "HTTP targets in VPC Lattice" (https://docs.aws.amazon.com/vpc-lattice/latest/ug/http-targets.html).
/// </summary>
public static class LatticeIdentity
{
    /// <summary>The caller's address.</summary>
    public const string ForwardedFor = "x-forwarded-for";

    /// <summary>The destination port: the Lattice listener's port the caller connected to (the docs' wording).</summary>
    public const string ForwardedForPort = "x-forwarded-for-port";

    /// <summary>The caller's connection protocol, http or https.</summary>
    public const string ForwardedForProto = "x-forwarded-for-proto";

    /// <summary>The authenticated caller; only with AWS auth (IAM), which the lab's auth type NONE never adds.</summary>
    public const string Identity = "x-amzn-lattice-identity";

    /// <summary><c>SourceVpcArn=arn:aws:ec2:region:account:vpc/id</c>: the caller's VPC.</summary>
    public const string Network = "x-amzn-lattice-network";

    /// <summary><c>ServiceArn=...;ServiceNetworkArn=...;TargetGroupArn=...</c>: where Lattice routed the request.</summary>
    public const string Target = "x-amzn-lattice-target";

    /// <summary>The region and account in the lab's ARNs: the region the price file uses, and AWS's documentation account.</summary>
    public const string Region = "us-east-1";

    /// <inheritdoc cref="Region"/>
    public const string Account = "123456789012";

    /// <summary>
    /// Headers a caller cannot set: Lattice strips the caller-identity headers from incoming requests so they cannot be
    /// spoofed, and the lab replaces any x-forwarded-for* the caller sent (what Lattice does with those is not documented).
    /// </summary>
    public static IReadOnlyList<string> Stripped { get; } = [Identity, Network, Target, ForwardedFor, ForwardedForPort, ForwardedForProto];

    /// <summary>
    /// The address Lattice connects to <paramref name="position"/>'s callee from: 127.0.171.n stands for Lattice's
    /// link-local range 169.254.171.0/24 (the <c>com.amazonaws.&lt;region&gt;.vpc-lattice</c> managed prefix list), n
    /// being the callee's 1-based position among the lab's services.
    /// </summary>
    public static IPAddress AddressFor(int position) => new([127, 0, 171, (byte)position]);

    /// <summary>The lab ARN of <paramref name="service"/>'s VPC (servicea → vpc-a).</summary>
    public static string VpcArn(string service) => $"arn:aws:ec2:{Region}:{Account}:vpc/{RelaySpec.Vpc(service)}";

    /// <summary>The lab's one service network.</summary>
    public static string ServiceNetworkArn => $"arn:aws:vpc-lattice:{Region}:{Account}:servicenetwork/sn-tracinglab";

    /// <summary>The Lattice service in front of <paramref name="provider"/>.</summary>
    public static string ServiceArn(string provider) => $"arn:aws:vpc-lattice:{Region}:{Account}:service/svc-{provider}";

    /// <summary>The target group <paramref name="provider"/> is registered in.</summary>
    public static string TargetGroupArn(string provider) => $"arn:aws:vpc-lattice:{Region}:{Account}:targetgroup/tg-{provider}";

    /// <summary>The value of <see cref="Network"/> for a call from <paramref name="consumer"/>.</summary>
    public static string NetworkValue(string consumer) => $"SourceVpcArn={VpcArn(consumer)}";

    /// <summary>The value of <see cref="Target"/> for a call to <paramref name="provider"/>.</summary>
    public static string TargetValue(string provider) =>
        $"ServiceArn={ServiceArn(provider)};ServiceNetworkArn={ServiceNetworkArn};TargetGroupArn={TargetGroupArn(provider)}";
}
