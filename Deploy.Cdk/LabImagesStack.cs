using Amazon.CDK;
using Amazon.CDK.AWS.ECR;
using Constructs;
using TracingLab.Deploy.Topology;
using TracingLab.Deploy.Workloads;

namespace TracingLab.Deploy;

/// <summary>
/// The lab's ECR repositories (scan on push, IMMUTABLE tags, last 10 images kept) and the ECR Public pull-through cache rule.
/// A stack of its own because images must be pushed before the services that run them are deployed; the
/// main stack refers to the repositories by their fixed names, so no export ties the two.
/// </summary>
public sealed class LabImagesStack : Stack
{
    public LabImagesStack(Construct scope, string id, IStackProps? props = null)
        : base(scope, id, props)
    {
        foreach (var service in LabTopology.All)
        {
            var repository = new Repository(this, $"Repository{service}", new RepositoryProps
            {
                RepositoryName = LabImages.RepositoryName(service),
                ImageScanOnPush = true,
                ImageTagMutability = TagMutability.IMMUTABLE,
                // Kept on destroy (deleting a repository with images would fail the stack, and emptying it needs a
                // custom-resource Lambda); docs/deploy.md removes them with `aws ecr delete-repository --force`.
                RemovalPolicy = RemovalPolicy.RETAIN,
                LifecycleRules = [new LifecycleRule { Description = "Keep the last 10 images", MaxImageCount = 10 }],
            });
            _ = new CfnOutput(this, $"RepositoryUri{service}", new CfnOutputProps
            {
                Value = repository.RepositoryUri,
                Description = $"Push {service.Name()} here with dotnet publish -t:PublishContainer",
            });
        }

        _ = new CfnPullThroughCacheRule(this, "EcrPublicCache", new CfnPullThroughCacheRuleProps
        {
            EcrRepositoryPrefix = LabImages.PublicCachePrefix,
            UpstreamRegistryUrl = "public.ecr.aws",
        });
    }
}
