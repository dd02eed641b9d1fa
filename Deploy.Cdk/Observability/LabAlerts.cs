using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.SNS.Subscriptions;
using Constructs;

namespace TracingLab.Deploy.Observability;

/// <summary>The SNS topic every lab alarm and Auto Scaling notification goes to, with an optional email subscription.</summary>
public sealed class LabAlerts : Construct
{
    public LabAlerts(Construct scope, string id, string? email)
        : base(scope, id)
    {
        Topic = new Topic(this, "Topic", new TopicProps
        {
            DisplayName = "TracingLab alarms",
        });
        // A topic policy replaces SNS's default policy, so the service that publishes alarms needs its own allow,
        // scoped with the confused-deputy keys the SNS developer guide gives for CloudWatch alarms.
        var stack = Amazon.CDK.Stack.Of(this);
        Topic.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "CloudWatchAlarmsPublish",
            Effect = Effect.ALLOW,
            Principals = [new ServicePrincipal("cloudwatch.amazonaws.com")],
            Actions = ["sns:Publish"],
            Resources = [Topic.TopicArn],
            Conditions = new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = stack.Account },
                ["ArnLike"] = new Dictionary<string, object>
                {
                    ["aws:SourceArn"] = $"arn:{Amazon.CDK.Aws.PARTITION}:cloudwatch:{stack.Region}:{stack.Account}:alarm:*",
                },
            },
        }));
        Topic.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "PublishOverTlsOnly",
            Effect = Effect.DENY,
            Principals = [new AnyPrincipal()],
            Actions = ["sns:Publish"],
            Resources = [Topic.TopicArn],
            Conditions = new Dictionary<string, object>
            {
                ["Bool"] = new Dictionary<string, object> { ["aws:SecureTransport"] = "false" },
            },
        }));
        Nag.Suppress(Topic, ("AwsSolutions-SNS2",
            "Alarm notifications carry no sensitive data, and CloudWatch alarms cannot publish to a topic encrypted with " +
            "the AWS-managed SNS key; a customer key would add cost and key policy to a throw-away lab."));
        if (email is not null)
        {
            Topic.AddSubscription(new EmailSubscription(email));
        }
    }

    /// <summary>The topic.</summary>
    public Topic Topic { get; }
}
