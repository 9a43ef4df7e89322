using AirflowAspire.Hosting.ApplicationModel;
using AirflowAspire.Hosting.Tests.TestSupport;

namespace AirflowAspire.Hosting.Tests;

/// <summary>An application named test with an AppHost folder of its own, and local values rendered with fixed parameters.</summary>
internal sealed class TestApp : IDisposable
{
    private readonly TempDirectory folder = new();

    private TestApp(string[] args) => Builder = TestApplication.CreateBuilder(folder.Path, args);

    public string Directory => folder.Path;

    public IDistributedApplicationBuilder Builder { get; }

    public static TestApp Create(params string[] args) => new(args);

    /// <summary>Makes a folder under the AppHost folder, e.g. a DAG folder.</summary>
    public string CreateFolder(string name) => System.IO.Directory.CreateDirectory(Path.Combine(Directory, name)).FullName;

    /// <summary>Each parameter's value is "value-of-{name}"; host ports are 40000 + target port.</summary>
    public static LocalRenderContext LocalContext(LocalConsumer consumer) => new()
    {
        Consumer = consumer,
        ParameterValue = p => $"value-of-{p.Name}",
        HostPort = (_, e) => e.Port ?? 40000 + e.TargetPort,
    };

    public static Dictionary<string, string> LocalEnvironment(IResource resource, LocalConsumer consumer = LocalConsumer.ContainerNetwork) =>
        resource.GetEnvironmentVariables(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run))
            .ToDictionary(e => e.Key, e => e.Value.ToLocalValue(LocalContext(consumer)));

    public static Dictionary<string, string> ManifestEnvironment(IResource resource) =>
        resource.GetEnvironmentVariables(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Publish, "manifest"))
            .ToDictionary(e => e.Key, e => e.Value.ToManifestExpression());

    public void Dispose() => folder.Dispose();
}
