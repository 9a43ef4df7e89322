using System.Security.Cryptography;
using AirflowAspire.Hosting.Orchestration;
using AirflowAspire.Hosting.Orchestration.Containers;
using AirflowAspire.Orchestration.Tests.TestSupport;

namespace AirflowAspire.Orchestration.Tests.Containers;

/// <summary>
/// One test's app on the real Docker engine, under a name of its own. Disposing it removes every container,
/// network and volume labelled with that name, whatever the test did or how it failed.
/// </summary>
internal sealed class ContainerTestApp : IAsyncDisposable
{
    private readonly List<IRunningWorkload> workloads = [];

    private ContainerTestApp(string name)
    {
        Name = name;
        SessionId = NewId();
    }

    public string Name { get; }

    public string SessionId { get; }

    public ContainerCliRuntime Runtime { get; } = new("docker");

    /// <summary>A prepared app (its network exists), or a skip when docker or the test images are missing.</summary>
    public static async Task<ContainerTestApp> StartAsync()
    {
        await TestImages.RequireAsync();
        var app = new ContainerTestApp($"aat-{NewId()}");
        await app.Runtime.PrepareAsync(app.Name, app.SessionId, CancellationToken.None);
        return app;
    }

    /// <summary>A volume name of this app, as the model makes them (app prefix).</summary>
    public string Volume(string purpose) => $"{Name}-{purpose}";

    public async Task<IRunningWorkload> StartWorkloadAsync(WorkloadSpec spec, IWorkloadLog log)
    {
        var workload = await Runtime.StartAsync(spec, log, CancellationToken.None);
        workloads.Add(workload);
        return workload;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var workload in workloads)
        {
            await workload.DisposeAsync();
        }

        foreach (var container in await DockerCommand.ContainersOfAsync(Name))
        {
            await DockerCommand.RunAsync("rm", "--force", "--volumes", container);
        }

        await Runtime.CleanupAsync(Name, CancellationToken.None);
        await DockerCommand.RunAsync("network", "rm", Name);
        foreach (var volume in await DockerCommand.VolumesOfAsync(Name))
        {
            await DockerCommand.RunAsync("volume", "rm", "--force", volume);
        }
    }

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
}
