namespace TracingLab.Deploy.Workloads;

/// <summary>Where an ADOT collector runs; decides its resource detectors.</summary>
public enum CollectorPlatform
{
    /// <summary>ECS Fargate sidecar: detectors env, ecs.</summary>
    Ecs,

    /// <summary>EKS Deployment: detectors env, eks.</summary>
    Eks,

    /// <summary>EC2 systemd service: detectors env, ec2.</summary>
    Ec2,
}
