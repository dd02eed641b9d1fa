namespace TracingLab.Deploy.Topology;

/// <summary>The lab's three services; each lives in its own VPC (A, B, C).</summary>
public enum LabService
{
    /// <summary><c>servicea</c> on ECS Fargate in VPC A: the entry point, a consumer only.</summary>
    A,

    /// <summary><c>serviceb</c> on EKS in VPC B: provider for A, consumer of C.</summary>
    B,

    /// <summary><c>servicec</c> on EC2 in VPC C: the leaf, a provider only.</summary>
    C,
}
