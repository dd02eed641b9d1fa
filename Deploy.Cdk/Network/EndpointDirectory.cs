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
/// </summary>
public sealed class EndpointDirectory : Construct
{
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
            var zone = new PrivateHostedZone(this, $"Zone{consumer}", new PrivateHostedZoneProps
            {
                ZoneName = LabTopology.DnsZone,
                Vpc = props.Vpcs[consumer].Vpc,
                Comment = $"TracingLab provider names as seen from {consumer.Name()}'s VPC",
            });

            foreach (var provider in LabTopology.ProvidersOf(consumer))
            {
                foreach (var link in props.Links)
                {
                    var target = link == LinkKind.PrivateLink
                        ? RecordTarget.FromAlias(new InterfaceVpcEndpointTarget(props.PrivateLink!.Endpoint(new Edge(consumer, provider))))
                        : RecordTarget.FromAlias(new LoadBalancerTarget(props.Ingresses[(provider, link)].LoadBalancer));
                    _ = new ARecord(this, $"{consumer}{provider}{link.Pascal()}", new ARecordProps
                    {
                        Zone = zone,
                        RecordName = LabTopology.HostName(provider, link) + ".",
                        Target = target,
                    });
                }
            }
        }

        foreach (var provider in LabTopology.Providers)
        {
            foreach (var link in props.Links)
            {
                var url = LabTopology.Url(provider, link);
                _ = new StringParameter(this, $"Url{provider}{link.Pascal()}", new StringParameterProps
                {
                    ParameterName = LabTopology.ParameterName(provider, link),
                    StringValue = url,
                    Description = $"URL a consumer uses to reach {provider.Name()} over {link.Name()}",
                });
                _ = new CfnOutput(Stack.Of(this), $"Endpoint{provider.Name()}{link.Pascal()}", new CfnOutputProps
                {
                    Value = url,
                    Description = $"{provider.Name()} over {link.Name()} (resolves inside the consumer VPCs)",
                });
            }
        }
    }
}
