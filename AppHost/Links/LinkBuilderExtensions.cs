using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using TracingLab.AppHost.Lab;
using TracingLab.Relay;

namespace TracingLab.AppHost.Links;

/// <summary>Adds the emulated links to the AppHost, the way Aspire's hosting integrations add a resource.</summary>
public static class LinkBuilderExtensions
{
    /// <summary>
    /// Adds one <see cref="LinkResource"/> per link enabled in the lab's options. Their relays start before the
    /// services (on <see cref="BeforeStartEvent"/>), with the faults of <c>--link-faults</c> already on them, and stop
    /// with the AppHost; an experiment's timeline (<c>--experiment</c>) starts once every lab resource is ready.
    /// </summary>
    public static LinkResources AddLinks(this IDistributedApplicationBuilder builder, LocalLab lab)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(lab);
        var options = lab.Options;
        var network = new LinkRelayHost(options.Links, lab.Profiles.With(options.LinkDelays, options.LinkJitters))
        {
            Experiment = options.Experiment is { } experiment ? new ExperimentRunner(experiment, TimeProvider.System) : null,
        };
        builder.Services.AddSingleton(network);
        builder.Services.AddHostedService(_ => network);
        var resources = options.Links
            .Select(link => builder.AddResource(new LinkResource(link))
                .WithInitialState(new CustomResourceSnapshot
                {
                    ResourceType = "Link",
                    State = new ResourceStateSnapshot(KnownResourceStates.Starting, KnownResourceStateStyles.Info),
                    Properties = [],
                })
                .ExcludeFromManifest()
                .WithLinkCommands())
            .ToList();
        builder.Eventing.Subscribe<BeforeStartEvent>((e, ct) => LinkStatePublisher.StartAsync(e, network, resources, options.LinkFaults, lab.Readiness, ct));
        return new LinkResources(resources, network);
    }

    /// <summary>
    /// References <paramref name="provider"/> as Aspire does (<c>services__servicec__http__0</c>) and, for each enabled
    /// link, as a named endpoint through that link's relay (<c>services__servicec__peering__0</c>, which the consumer
    /// resolves as <c>http://_peering.servicec</c>). <c>Lab__Links</c> tells the consumer the links' order.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithReference(
        this IResourceBuilder<ProjectResource> consumer, IResourceBuilder<ProjectResource> provider, LinkResources links)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(links);
        var network = links.RelayHost;
        network.AddCall(consumer.Resource.Name, provider.Resource.Name, () => LabPorts.PortOf(provider.Resource));
        foreach (var link in links.Resources)
        {
            Relate(link, consumer.Resource, "Caller");
            Relate(link, provider.Resource, "Callee");
        }

        return consumer
            .WithReference(provider)
            .WithEnvironment("Lab__Links", string.Join(',', network.Links))
            .WithEnvironment(context =>
            {
                foreach (var link in network.Links)
                {
                    var url = network.UrlOf(consumer.Resource.Name, provider.Resource.Name, link);
                    context.EnvironmentVariables[$"services__{provider.Resource.Name}__{link}__0"] = url.GetLeftPart(UriPartial.Authority);
                }
            });
    }

    // A link carries several calls of one service; the dashboard lists each related resource once.
    private static void Relate(IResourceBuilder<LinkResource> link, IResource resource, string type)
    {
        if (!link.Resource.Annotations.OfType<ResourceRelationshipAnnotation>().Any(a => a.Resource == resource && a.Type == type))
        {
            link.WithRelationship(resource, type);
        }
    }
}
