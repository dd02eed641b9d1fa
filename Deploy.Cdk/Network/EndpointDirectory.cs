using Amazon.CDK;
using Amazon.CDK.AWS.Route53;
using Amazon.CDK.AWS.Route53.Targets;
using Amazon.CDK.AWS.SSM;
using Constructs;
using TracingLab.Deploy.Configuration;
using TracingLab.Deploy.Topology;

namespace TracingLab.Deploy.Network;

/// <summary>
/// Publishes where each provider is reached over each enabled link. Names are fixed at synthesis time
/// (<c>servicec.peering.tracinglab.internal</c>), so the Kubernetes manifests and task definitions can carry them;
/// each consumer VPC has its own private zone because a PrivateLink name resolves to that consumer's own endpoint.
/// The URL goes out as a stack output and as the SSM parameter <c>/tracinglab/endpoints/{service}/{link}</c>.
/// Links served by a provider NLB or an interface endpoint are published here; a link whose names point elsewhere
/// (Lattice's services) publishes through <see cref="Publish"/> from its own construct.
/// </summary>
public sealed class EndpointDirectory : Construct
{
    private readonly Dictionary<LabService, PrivateHostedZone> _zones = [];

    public EndpointDirectory(Construct scope, string id, EndpointDirectoryProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        if (props.Links.Count == 0)
        {
            return;
        }

        foreach (var consumer in LabTopology.Consumers)
        {
            _zones[consumer] = new PrivateHostedZone(this, $"Zone{consumer}", new PrivateHostedZoneProps
            {
                ZoneName = LabTopology.DnsZone,
                Vpc = props.Vpcs[consumer].Vpc,
                Comment = $"TracingLab provider names as seen from {consumer.Name()}'s VPC",
            });
        }

        foreach (var provider in LabTopology.Providers)
        {
            foreach (var link in props.Links)
            {
                // The URL is known at synthesis for every link: the output stays on the lab's own stack.
                var url = LabTopology.Url(provider, link);
                _ = new CfnOutput(Stack.Of(this), $"Endpoint{provider.Name()}{link.Pascal()}", new CfnOutputProps
                {
                    Value = url,
                    Description = $"{provider.Name()} over {link.Name()} (resolves inside the consumer VPCs)",
                });
                if (!link.HasProviderNlb())
                {
                    continue;
                }

                Publish(this, provider, link, consumer => link == LinkKind.PrivateLink
                    ? RecordTarget.FromAlias(new InterfaceVpcEndpointTarget(props.PrivateLink!.Endpoint(new Edge(consumer, provider))))
                    : RecordTarget.FromAlias(new LoadBalancerTarget(props.Ingresses[(provider, link)].LoadBalancer)));
            }
        }
    }

    /// <summary>The private zone of a consumer's VPC; none when no link is enabled.</summary>
    public IHostedZone Zone(LabService consumer) => _zones[consumer];

    /// <summary>
    /// Publishes <paramref name="provider"/> over <paramref name="link"/>: in each consumer's zone a record for its
    /// <see cref="LabTopology.HostName"/>, pointing where <paramref name="target"/> says, and the SSM parameter with the URL.
    /// Resources go under <paramref name="scope"/>, so a link kept in a nested stack keeps its names there too.
    /// </summary>
    public void Publish(Construct scope, LabService provider, LinkKind link, Func<LabService, RecordTarget> target)
    {
        ArgumentNullException.ThrowIfNull(target);
        foreach (var consumer in LabTopology.ConsumersOf(provider))
        {
            _ = new ARecord(scope, $"{consumer}{provider}{link.Pascal()}", new ARecordProps
            {
                Zone = _zones[consumer],
                RecordName = LabTopology.HostName(provider, link) + ".",
                Target = target(consumer),
            });
        }

        _ = new StringParameter(scope, $"Url{provider}{link.Pascal()}", new StringParameterProps
        {
            ParameterName = LabTopology.ParameterName(provider, link),
            StringValue = LabTopology.Url(provider, link),
            Description = $"URL a consumer uses to reach {provider.Name()} over {link.Name()}",
        });
    }
}
