using System.Diagnostics;
using AirflowAspire.Hosting;
using AirflowAspire.Hosting.ApplicationModel;
using AirflowAspire.Hosting.Orchestration;
using AirflowAspire.Hosting.Orchestration.Processes;
using AirflowAspire.Orchestration.Tests.TestSupport;

namespace AirflowAspire.Orchestration.Tests.Processes;

/// <summary>
/// A built model and a process runtime over a state directory of its own, with workload specs rendered the
/// way the orchestrator renders them for processes: values as seen from the host, a free host port per
/// endpoint. Disposing stops what it started, removes the state folders and the temp folder.
/// </summary>
internal sealed class LocalProcessTestApp : IAsyncDisposable
{
    /// <summary>Every parameter's value: spaces, quotes, a '#', a '$' and a backslash, which configuration files must survive.</summary>
    public const string ParameterValuePrefix = "s3cret #pw \"q\" 'x' $HOME\\";

    private readonly string root;
    private readonly Dictionary<(IResource, string), int> hostPorts = [];
    private readonly List<IRunningWorkload> started = [];

    private LocalProcessTestApp(string root, DistributedApplicationModel model, string stateDirectory, IReadOnlyDictionary<string, string>? hostEnvironment)
    {
        this.root = root;
        Model = model;
        StateDirectory = stateDirectory;
        Runtime = new ProcessRuntime(model, stateDirectory, hostEnvironment);
    }

    public DistributedApplicationModel Model { get; }

    public string StateDirectory { get; }

    public ProcessRuntime Runtime { get; }

    /// <param name="stateFolder">Where the state directory goes inside the app's temp folder.</param>
    public static LocalProcessTestApp Create(
        Action<IDistributedApplicationBuilder> declare,
        IReadOnlyDictionary<string, string>? hostEnvironment = null,
        string stateFolder = "state",
        Action<string>? prepareRoot = null)
    {
        var root = Path.Combine(Path.GetTempPath(), $"airflowaspire-process-tests-{Guid.NewGuid():N}");
        var appHost = Directory.CreateDirectory(Path.Combine(root, "apphost")).FullName;
        prepareRoot?.Invoke(root);
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            ApplicationName = "test",
            AppHostDirectory = appHost,
        });
        declare(builder);
        return new LocalProcessTestApp(root, builder.Build().Model, Path.Combine(root, stateFolder), hostEnvironment);
    }

    public static string ParameterValue(ParameterResource parameter) => $"{ParameterValuePrefix}{parameter.Name}";

    /// <summary>The replica of <paramref name="resourceName"/> as the orchestrator hands it to the runtime.</summary>
    public WorkloadSpec Spec(string resourceName)
    {
        var resource = Model[resourceName];
        var run = new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run);
        var values = new LocalRenderContext
        {
            Consumer = LocalConsumer.Host,
            ParameterValue = ParameterValue,
            HostPort = HostPort,
        };
        return new WorkloadSpec
        {
            ResourceName = resourceName,
            InstanceName = resourceName,
            HostName = resourceName,
            Image = resource.Annotations.OfType<ContainerImageAnnotation>().LastOrDefault(),
            Entrypoint = resource.GetEntrypoint(),
            Args = resource.GetArgs(run).Select(a => a.ToLocalValue(values)).ToList(),
            Environment = resource.GetEnvironmentVariables(run).ToDictionary(e => e.Key, e => e.Value.ToLocalValue(values)),
            Ports = resource.GetEndpoints().Select(e => new PortBinding(e.Name, e.TargetPort, HostPort(resource, e))).ToList(),
            Mounts = resource.GetMounts(),
            RunOnce = resource.IsRunOnce(),
        };
    }

    /// <summary>Gives the next start of <paramref name="resourceName"/> new host ports, as a new AppHost run may.</summary>
    public void ForgetPorts(string resourceName)
    {
        foreach (var endpoint in Model[resourceName].GetEndpoints())
        {
            hostPorts.Remove((Model[resourceName], endpoint.Name));
        }
    }

    public async Task<IRunningWorkload> StartAsync(string resourceName, IWorkloadLog log, ProcessRuntime? runtime = null)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var workload = await (runtime ?? Runtime).StartAsync(Spec(resourceName), log, limit.Token);
        started.Add(workload);
        return workload;
    }

    /// <summary>Starts it and waits until its health checks pass; the time is from the call to healthy.</summary>
    public async Task<(IRunningWorkload Workload, TimeSpan StartToHealthy)> StartHealthyAsync(string resourceName, IWorkloadLog log, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var workload = await StartAsync(resourceName, log);
        await HealthProbe.WaitUntilHealthyAsync(workload, timeout);
        return (workload, clock.Elapsed);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var workload in started)
        {
            await workload.DisposeAsync();
        }

        await Runtime.CleanupAsync(Model.ApplicationName, CancellationToken.None);
        await Runtime.RemoveVolumesAsync(Model.ApplicationName, CancellationToken.None);
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private int HostPort(IResource resource, EndpointAnnotation endpoint)
    {
        lock (hostPorts)
        {
            if (!hostPorts.TryGetValue((resource, endpoint.Name), out var port))
            {
                port = endpoint.Port ?? FreePort.Pick();
                hostPorts[(resource, endpoint.Name)] = port;
            }

            return port;
        }
    }
}
