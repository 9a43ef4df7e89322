using System.Security.Cryptography;
using AirflowAspire.Hosting;
using AirflowAspire.Hosting.ApplicationModel;
using AirflowAspire.Hosting.Orchestration;
using AirflowAspire.Hosting.Orchestration.Containers;
using AirflowAspire.Orchestration.Tests.Containers;

namespace AirflowAspire.Orchestration.Tests.Orchestrator;

/// <summary>
/// A model run by the real orchestrator on the real Docker engine, under an app name of its own. Disposing
/// it stops the run and removes every container, network and volume of that name, however the test ended.
/// </summary>
internal sealed class OrchestratedApp : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly string appHostDirectory = Directory.CreateTempSubdirectory("aao-apphost-").FullName;
    private readonly List<Hosting.Orchestration.Orchestrator> runs = [];

    private OrchestratedApp(string name)
    {
        Name = name;
        Builder = NewBuilder();
    }

    public string Name { get; }

    public IDistributedApplicationBuilder Builder { get; private set; }

    public Hosting.Orchestration.Orchestrator Current => runs[^1];

    public ResourceNotificationService Notifications => Current.Notifications;

    public ResourceLogService Logs => Current.Logs;

    public StringWriter Terminal { get; } = new();

    public static async Task<OrchestratedApp> CreateAsync()
    {
        await TestImages.RequireAsync();
        return new OrchestratedApp($"aao-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}");
    }

    /// <summary>A container of the Debian test image running <paramref name="script"/> with /bin/sh.</summary>
    public IResourceBuilder<ContainerResource> AddShell(string name, string script) =>
        Builder.AddContainer(name, $"{TestImages.Debian.Image}:{TestImages.Debian.Tag}")
            .WithEntrypoint("/bin/sh")
            .WithArgs("-c", script);

    /// <summary>Builds the declared model and starts a run of it, like one start of the AppHost.</summary>
    public async Task StartAsync()
    {
        var model = Builder.Build().Model;
        var run = new Hosting.Orchestration.Orchestrator(
            model,
            new ContainerCliRuntime("docker"),
            parameter => $"secret-{parameter.Name}-1234",
            new ResourceNotificationService(),
            new ResourceLogService(),
            new TerminalReporter(TextWriter.Synchronized(Terminal), TimeProvider.System));
        runs.Add(run);
        await run.StartAsync(CancellationToken.None);
    }

    /// <summary>Stops the run, then declares the model anew (same app name) for another start.</summary>
    public async Task StopAndRedeclareAsync()
    {
        await Current.StopAsync(CancellationToken.None);
        Builder = NewBuilder();
    }

    public Task<ResourceSnapshot> WaitForAsync(string resource, Func<ResourceSnapshot, bool> condition)
    {
        using var limit = new CancellationTokenSource(Patience);
        return Notifications.WaitForAsync(resource, condition, limit.Token)
            .WaitAsync(Patience)
            .ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : throw new TimeoutException(
                $"'{resource}' did not reach the expected state within {Patience.TotalSeconds} s; it is {Describe(resource)}"), TaskScheduler.Default);
    }

    public Task<ResourceSnapshot> WaitForHealthyAsync(string resource) =>
        WaitForAsync(resource, s => s.State == ResourceState.Running && s.Health == HealthStatus.Healthy);

    public async Task<string> WaitForLogAsync(string resource, string text)
    {
        using var limit = new CancellationTokenSource(Patience);
        await foreach (var line in Logs.WatchAsync(resource, limit.Token))
        {
            if (line.Text.Contains(text, StringComparison.Ordinal))
            {
                return line.Text;
            }
        }

        throw new TimeoutException($"'{resource}' never logged '{text}'");
    }

    public async Task<IReadOnlyList<string>> ContainersAsync() => await DockerCommand.ContainersOfAsync(Name);

    public async ValueTask DisposeAsync()
    {
        foreach (var run in runs)
        {
            await run.DisposeAsync();
        }

        foreach (var container in await DockerCommand.ContainersOfAsync(Name))
        {
            await DockerCommand.RunAsync("rm", "--force", container);
        }

        await DockerCommand.RunAsync("network", "rm", Name);
        foreach (var volume in await DockerCommand.VolumesOfAsync(Name))
        {
            await DockerCommand.RunAsync("volume", "rm", "--force", volume);
        }

        Directory.Delete(appHostDirectory, recursive: true);
    }

    private string Describe(string resource) =>
        runs.Count == 0 || Notifications.Get(resource) is not { } s
            ? "unknown"
            : $"{s.State}/{s.Health}: {s.StateMessage}. Terminal:{Environment.NewLine}{Terminal}";

    private IDistributedApplicationBuilder NewBuilder() => DistributedApplication.CreateBuilder(new DistributedApplicationOptions
    {
        ApplicationName = Name,
        AppHostDirectory = appHostDirectory,
    });
}
