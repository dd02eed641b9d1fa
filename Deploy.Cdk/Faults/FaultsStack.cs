using Amazon.CDK;
using Constructs;

namespace TracingLab.Deploy.Faults;

/// <summary>
/// The FIS templates in a nested stack of the lab: the all-links lab with three AZs is close to CloudFormation's 500
/// resources per stack, and a nested stack takes the lab's ARNs as parameters, with no exports to pin them.
/// </summary>
public sealed class FaultsStack : NestedStack
{
    public FaultsStack(Construct scope, string id, LabFaultExperimentsProps props)
        : base(scope, id, new NestedStackProps { Description = "TracingLab: AWS FIS experiment templates" })
    {
        Experiments = new LabFaultExperiments(this, "Experiments", props);
    }

    /// <summary>The templates, their role and the EKS access entry.</summary>
    public LabFaultExperiments Experiments { get; }
}
