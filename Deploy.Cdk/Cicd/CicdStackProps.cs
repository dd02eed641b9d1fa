using Amazon.CDK;

namespace TracingLab.Deploy.Cicd;

/// <summary>Props of <see cref="CicdStack"/>.</summary>
public sealed class CicdStackProps : StackProps
{
    /// <summary>The repository, environment and provider choice, from <see cref="CicdContext"/>.</summary>
    public required CicdSettings Settings { get; init; }
}
