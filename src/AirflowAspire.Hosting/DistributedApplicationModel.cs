using AirflowAspire.Hosting.ApplicationModel;

namespace AirflowAspire.Hosting;

/// <summary>The built application: what every renderer reads. Immutable.</summary>
public sealed class DistributedApplicationModel(
    IReadOnlyList<IResource> resources,
    string applicationName,
    string appHostDirectory,
    DistributedApplicationExecutionContext executionContext)
{
    public IReadOnlyList<IResource> Resources { get; } = resources;

    public string ApplicationName { get; } = applicationName;

    public string AppHostDirectory { get; } = appHostDirectory;

    public DistributedApplicationExecutionContext ExecutionContext { get; } = executionContext;

    public IResource this[string name] =>
        Resources.FirstOrDefault(r => r.Name == name)
        ?? throw new KeyNotFoundException(
            $"No resource named '{name}'. The model has: {string.Join(", ", Resources.Select(r => r.Name))}.");

    public bool TryGet(string name, out IResource? resource)
    {
        resource = Resources.FirstOrDefault(r => r.Name == name);
        return resource is not null;
    }
}
