using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;

namespace TracingLab.Deploy.Network;

/// <summary>
/// Limits a VPC's S3 gateway endpoint to reading the buckets the lab needs: ECR image layers (the ECR user guide's
/// "prod-{region}-starport-layer-bucket" for gateway endpoint policies), the CDK file-asset bucket (service C's app and
/// ADOT rpm, the FireLens config) and the Amazon Linux 2023 package repositories (dnf). Every bucket is in the stack's
/// region, the only one a gateway endpoint serves.
/// </summary>
public static class S3EndpointPolicy
{
    /// <summary>The object ARNs the endpoint allows <c>s3:GetObject</c> on.</summary>
    public static IReadOnlyList<string> ReadableObjects =>
    [
        $"arn:{Aws.PARTITION}:s3:::prod-{Aws.REGION}-starport-layer-bucket/*",
        $"arn:{Aws.PARTITION}:s3:::cdk-{DefaultStackSynthesizer.DEFAULT_QUALIFIER}-assets-{Aws.ACCOUNT_ID}-{Aws.REGION}/*",
        $"arn:{Aws.PARTITION}:s3:::al2023-repos-{Aws.REGION}-de612dc2/*",
    ];

    public static void Apply(GatewayVpcEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        endpoint.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "LabBucketsOnly",
            Principals = [new AnyPrincipal()],
            Actions = ["s3:GetObject"],
            Resources = ReadableObjects.ToArray(),
        }));
    }
}
