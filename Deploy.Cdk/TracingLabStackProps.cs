using Amazon.CDK;
using TracingLab.Deploy.Configuration;

namespace TracingLab.Deploy;

/// <summary>Props of <see cref="TracingLabStack"/>.</summary>
public sealed class TracingLabStackProps : StackProps
{
    /// <summary>The validated context.</summary>
    public required LabSettings Settings { get; init; }

    /// <summary>Repository root (holds ServiceC.Ec2, published as service C's asset).</summary>
    public required string RepositoryRoot { get; init; }

    /// <summary>The experiment file given as <c>-c experiment=</c>. Default none: one FIS template per fault kind per platform.</summary>
    public TracingLab.Contracts.Faults.Experiment? Experiment { get; init; }
}
