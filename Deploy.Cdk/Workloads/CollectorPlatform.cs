namespace TracingLab.Deploy.Workloads;

/// <summary>Where an ADOT collector runs; decides its resource detectors.</summary>
public enum CollectorPlatform
{
    /// <summary>ECS Fargate sidecar: detectors env, ecs.</summary>
    Ecs,

    /// <summary>EKS Deployment: detector env (attributes from the manifest).</summary>
    Eks,

    /// <summary>EC2 systemd service: detectors env, ec2.</summary>
    Ec2,
}
