using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Constructs;
using TracingLab.Deploy.Topology;

namespace TracingLab.Deploy.Network;

/// <summary>
/// The PrivateLink link: per provider an endpoint service on its PrivateLink NLB (no acceptance, this account only),
/// and per edge a consumer interface endpoint whose security group admits only the consumer's workload group.
/// </summary>
public sealed class PrivateLinkLink : Construct
{
    private readonly Dictionary<Edge, InterfaceVpcEndpoint> _endpoints = [];

    public PrivateLinkLink(Construct scope, string id, PrivateLinkLinkProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        var account = Stack.Of(this).Account;

        foreach (var provider in LabTopology.Providers)
        {
            var service = new VpcEndpointService(this, $"Service{provider}", new VpcEndpointServiceProps
            {
                VpcEndpointServiceLoadBalancers = [props.Ingresses[provider].LoadBalancer],
                AcceptanceRequired = false,
                AllowedPrincipals = [new ArnPrincipal($"arn:{Aws.PARTITION}:iam::{account}:root")],
            });

            foreach (var consumer in LabTopology.ConsumersOf(provider))
            {
                var consumerVpc = props.Vpcs[consumer];
                var sg = new SecurityGroup(this, $"Endpoint{consumer}{provider}Sg", new SecurityGroupProps
                {
                    Vpc = consumerVpc.Vpc,
                    Description = $"PrivateLink endpoint to {provider.Name()}: only {consumer.Name()} workloads",
                    AllowAllOutbound = false,
                });
                sg.AddIngressRule(consumerVpc.WorkloadSecurityGroup, Port.Tcp(LabTopology.ServicePort), $"{consumer.Name()} workloads");
                consumerVpc.WorkloadSecurityGroup.AddEgressRule(sg, Port.Tcp(LabTopology.ServicePort), $"{provider.Name()} over privatelink");

                var endpoint = new InterfaceVpcEndpoint(this, $"Endpoint{consumer}{provider}", new InterfaceVpcEndpointProps
                {
                    Vpc = consumerVpc.Vpc,
                    Service = new InterfaceVpcEndpointService(service.VpcEndpointServiceName, LabTopology.ServicePort),
                    Subnets = new SubnetSelection { Subnets = consumerVpc.EndpointSubnets.ToArray() },
                    SecurityGroups = [sg],
                    Open = false,
                    PrivateDnsEnabled = false,
                });
                // The endpoint can only be created once the service allows this account.
                endpoint.Node.AddDependency(service);
                _endpoints[new Edge(consumer, provider)] = endpoint;
            }
        }
    }

    /// <summary>The consumer's interface endpoint for an edge.</summary>
    public InterfaceVpcEndpoint Endpoint(Edge edge) => _endpoints[edge];
}
