using AirflowAspire.Hosting.ApplicationModel;

namespace AirflowAspire.Hosting.Orchestration;

/// <summary>Renders a container resource of the model into one concrete <see cref="WorkloadSpec"/> per replica.</summary>
internal sealed class WorkloadSpecFactory(
    DistributedApplicationModel model,
    PortAllocator ports,
    Func<ParameterResource, string> parameterValue)
{
    public LocalRenderContext RenderContext(LocalConsumer consumer) => new()
    {
        Consumer = consumer,
        ParameterValue = parameterValue,
        HostPort = (resource, endpoint) => ports.Get(resource, endpoint.Name),
    };

    public IReadOnlyList<WorkloadSpec> Create(ContainerResource resource, LocalConsumer consumer)
    {
        var context = RenderContext(consumer);
        var environment = resource.GetEnvironmentVariables(model.ExecutionContext)
            .ToDictionary(e => e.Key, e => e.Value.ToLocalValue(context), StringComparer.Ordinal);
        var args = resource.GetArgs(model.ExecutionContext).Select(a => a.ToLocalValue(context)).ToList();
        var replicas = resource.GetReplicas();

        return Enumerable.Range(0, replicas).Select(replica =>
        {
            var instance = replicas == 1 ? resource.Name : $"{resource.Name}-{replica}";
            return new WorkloadSpec
            {
                ResourceName = resource.Name,
                InstanceName = instance,
                HostName = instance,
                Image = resource.Image,
                Entrypoint = resource.GetEntrypoint(),
                Args = args,
                Environment = environment,
                Ports = resource.GetEndpoints()
                    .Select(e => new PortBinding(e.Name, e.TargetPort, ports.Get(resource, e.Name, replica)))
                    .ToList(),
                Mounts = resource.GetMounts(),
                RunOnce = resource.IsRunOnce(),
            };
        }).ToList();
    }
}
