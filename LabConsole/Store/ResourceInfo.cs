using TracingLab.Otlp.Resource.V1;

namespace TracingLab.Dashboard.Store;

/// <summary>A distinct OTLP resource (service + instance + attributes), shared by every record it sent.</summary>
public sealed class ResourceInfo
{
    internal ResourceInfo(string serviceName, string instanceId, Attr[] attributes, Resource proto)
    {
        ServiceName = serviceName;
        InstanceId = instanceId;
        Attributes = attributes;
        Proto = proto;
    }

    /// <summary>service.name, or "unknown_service" as the SDKs report when it is missing.</summary>
    public string ServiceName { get; }

    public string InstanceId { get; }

    public Attr[] Attributes { get; }

    /// <summary>The resource as received, for OTLP output.</summary>
    public Resource Proto { get; }

    public string? Attribute(string key) => OtlpValues.Find(Attributes, key);
}
