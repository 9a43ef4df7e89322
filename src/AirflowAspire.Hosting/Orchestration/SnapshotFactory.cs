using AirflowAspire.Hosting.ApplicationModel;

namespace AirflowAspire.Hosting.Orchestration;

/// <summary>The first snapshot of each resource: what it is, its settings rendered for this run, its links.</summary>
internal sealed class SnapshotFactory(DistributedApplicationModel model, WorkloadSpecFactory specs, PortAllocator ports, IWorkloadRuntime runtime)
{
    public ResourceSnapshot Create(IResource resource)
    {
        var context = specs.RenderContext(runtime.Consumer);
        var snapshot = new ResourceSnapshot
        {
            Name = resource.Name,
            Type = TypeName(resource),
            State = resource is ContainerResource ? ResourceState.NotStarted : ResourceState.Inert,
            References = resource.GetReferences().Select(r => r.Name).ToList(),
            WaitsFor = resource.GetWaits().Select(w => $"{w.Resource.Name} ({(w.Type == WaitType.UntilHealthy ? "healthy" : "completed")})").ToList(),
        };

        return resource switch
        {
            ContainerResource container => snapshot with
            {
                Source = container.Image.Reference,
                Runtime = runtime.Name,
                Replicas = container.GetReplicas(),
                HasLifecycle = true,
                Endpoints = container.GetEndpoints()
                    .Select(e => new EndpointSnapshot(e.Name, $"{e.Scheme}://127.0.0.1:{ports.Get(container, e.Name)}", e.IsExternal))
                    .ToList(),
                Environment = container.GetEnvironmentVariables(model.ExecutionContext)
                    .Select(e => new EnvironmentVariableSnapshot(e.Key, e.Value.ToLocalValue(context), e.Value.IsSecret))
                    .ToList(),
                Args = container.GetArgs(model.ExecutionContext).Select(a => a.ToLocalValue(context)).ToList(),
                Volumes = container.GetMounts().Select(Describe).ToList(),
            },
            ParameterResource parameter => snapshot with
            {
                Environment = [new EnvironmentVariableSnapshot("value", parameter.ToLocalValue(context), parameter.Secret)],
            },
            IResourceWithConnectionString withConnection => snapshot with
            {
                Environment =
                [
                    new EnvironmentVariableSnapshot(
                        "connection string (from the host)",
                        withConnection.ConnectionStringExpression.ToLocalValue(context.For(LocalConsumer.Host)),
                        withConnection.ConnectionStringExpression.IsSecret),
                ],
            },
            _ => snapshot,
        };
    }

    private static string TypeName(IResource resource)
    {
        var name = resource.GetType().Name;
        return name.EndsWith("Resource", StringComparison.Ordinal) ? name[..^"Resource".Length] : name;
    }

    private static string Describe(ContainerMountAnnotation mount) =>
        $"{(mount.Type == ContainerMountType.Volume ? "volume" : "bind")} {mount.Source} → {mount.Target}{(mount.IsReadOnly ? " (read-only)" : "")}";
}
