using Amazon.CDK;
using Amazon.CDK.AWS.Logs;
using Constructs;

namespace TracingLab.Deploy.Observability;

/// <summary>
/// Turns on X-Ray Transaction Search, which the X-Ray OTLP endpoint requires: a CloudWatch Logs resource policy that
/// lets X-Ray write spans to <c>aws/spans</c> (and <c>/aws/application-signals/data</c>), then
/// <c>AWS::XRay::TransactionSearchConfig</c> with the indexing percentage. Both as in CloudWatch's "Using Transaction
/// Search with AWS CloudFormation"; the setting is per account and region, so only one stack may own it.
/// </summary>
public sealed class TransactionSearch : Construct
{
    /// <summary>The CloudFormation type. Amazon.CDK.Lib 2.160 has no L1 class for it, so a raw <see cref="CfnResource"/>.</summary>
    public const string ConfigType = "AWS::XRay::TransactionSearchConfig";

    /// <summary>Account-wide name of the logs resource policy.</summary>
    public const string PolicyName = "TracingLabTransactionSearch";

    /// <param name="scope">Parent.</param>
    /// <param name="id">Construct id.</param>
    /// <param name="indexingPercent">Percent of spans indexed as X-Ray trace summaries, 0-100 (validated by LabContext).</param>
    public TransactionSearch(Construct scope, string id, double indexingPercent)
        : base(scope, id)
    {
        var stack = Stack.Of(this);
        var logs = $"arn:{stack.Partition}:logs:{stack.Region}:{stack.Account}:log-group:";
        var document = new Dictionary<string, object>
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new object[]
            {
                new Dictionary<string, object>
                {
                    ["Sid"] = "TransactionSearchXRayAccess",
                    ["Effect"] = "Allow",
                    ["Principal"] = new Dictionary<string, object> { ["Service"] = "xray.amazonaws.com" },
                    ["Action"] = "logs:PutLogEvents",
                    ["Resource"] = new[] { logs + "aws/spans:*", logs + "/aws/application-signals/data:*" },
                    ["Condition"] = new Dictionary<string, object>
                    {
                        ["ArnLike"] = new Dictionary<string, object> { ["aws:SourceArn"] = $"arn:{stack.Partition}:xray:{stack.Region}:{stack.Account}:*" },
                        ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = stack.Account },
                    },
                },
            },
        };

        LogsPolicy = new CfnResourcePolicy(this, "SpansLogsPolicy", new CfnResourcePolicyProps
        {
            PolicyName = PolicyName,
            PolicyDocument = stack.ToJsonString(document),
        });

        Config = new CfnResource(this, "Config", new CfnResourceProps
        {
            Type = ConfigType,
            Properties = new Dictionary<string, object> { ["IndexingPercentage"] = indexingPercent },
        });

        // X-Ray must be allowed to write aws/spans before spans are routed there.
        Config.AddDependency(LogsPolicy);
    }

    /// <summary>The <c>AWS::Logs::ResourcePolicy</c> for <c>aws/spans</c>.</summary>
    public CfnResourcePolicy LogsPolicy { get; }

    /// <summary>The <c>AWS::XRay::TransactionSearchConfig</c>.</summary>
    public CfnResource Config { get; }
}
