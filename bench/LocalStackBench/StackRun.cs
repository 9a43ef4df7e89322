using System.Diagnostics;
using AirflowAspire.Hosting.Airflow.Footprint;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace AirflowAspire.Bench.LocalStack;

/// <summary>One measured start: from building the app to every container healthy (airflow-init exited 0), then each container's memory.</summary>
internal sealed record StackRun(TimeSpan Healthy, IReadOnlyDictionary<string, long> MemoryBytes)
{
    private static readonly TimeSpan HealthyTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Memory is sampled this many times, this far apart, once all are healthy; each container's highest sample counts.</summary>
    private const int MemorySamples = 3;

    private static readonly TimeSpan SampleInterval = TimeSpan.FromSeconds(5);

    public long TotalMemoryBytes => MemoryBytes.Values.Sum();

    public static async Task<StackRun> MeasureAsync(BenchOptions options, bool dataServicesOnly)
    {
        await using var builder = await StackModel.CreateAsync(options, dataServicesOnly);
        var watch = Stopwatch.StartNew();
        await using var app = await builder.BuildAsync();
        var containers = new List<string>();
        try
        {
            await app.StartAsync().WaitAsync(HealthyTimeout);
            var model = app.Services.GetRequiredService<DistributedApplicationModel>();
            var measured = model.Resources.OfType<ContainerResource>().ToList();
            await Task.WhenAll(measured.Select(c => WaitReadyAsync(app, c))).WaitAsync(HealthyTimeout);
            var healthy = watch.Elapsed;

            var running = measured
                .Select(c => (c.Name, Id: ContainerId(app, c.Name)))
                .Where(c => c.Id is not null)
                .Select(c => (c.Name, Id: c.Id!))
                .ToList();
            containers.AddRange(running.Select(c => c.Id));
            return new StackRun(healthy, await PeakMemoryAsync(running));
        }
        finally
        {
            await app.StopAsync().WaitAsync(TimeSpan.FromMinutes(2));
            await WaitUntilRemovedAsync(containers);
        }
    }

    /// <summary>A container that runs once (airflow-init) is ready when it exited 0; the others when Aspire reports them healthy.</summary>
    private static async Task WaitReadyAsync(DistributedApplication app, ContainerResource container)
    {
        if (container is AirflowComponentResource { Role: AirflowRole.Init })
        {
            var exited = await app.ResourceNotifications.WaitForResourceAsync(container.Name,
                e => e.Snapshot.State?.Text is { } state && KnownResourceStates.TerminalStates.Contains(state));
            if (exited.Snapshot.ExitCode != 0)
            {
                throw new InvalidOperationException($"{container.Name} ended {exited.Snapshot.State?.Text} with exit code {exited.Snapshot.ExitCode}.");
            }

            return;
        }

        await app.ResourceNotifications.WaitForResourceHealthyAsync(container.Name);
    }

    private static string? ContainerId(DistributedApplication app, string name) =>
        app.ResourceNotifications.TryGetCurrentState(name, out var current) && current.Snapshot.State?.Text == KnownResourceStates.Running
            ? current.Snapshot.Properties.FirstOrDefault(p => p.Name == "container.id")?.Value as string
            : null;

    private static async Task<IReadOnlyDictionary<string, long>> PeakMemoryAsync(IReadOnlyList<(string Name, string Id)> containers)
    {
        var peak = new Dictionary<string, long>();
        for (var sample = 0; sample < MemorySamples; sample++)
        {
            var output = await Docker.OutputAsync(["stats", "--no-stream", "--format", ContainerUsage.Format, .. containers.Select(c => c.Id)])
                ?? throw new InvalidOperationException("docker stats failed: a container stopped while the stack was measured.");
            var usages = output.Split('\n').Select(ContainerUsage.Parse).OfType<ContainerUsage>().ToList();
            foreach (var (name, id) in containers)
            {
                if (usages.FirstOrDefault(u => u.IsOf(id)) is { } usage)
                {
                    peak[name] = Math.Max(peak.GetValueOrDefault(name), usage.MemoryBytes);
                }
            }

            await Task.Delay(SampleInterval);
        }

        return peak;
    }

    /// <summary>Aspire's orchestrator removes the containers some seconds after the app stops; the next run starts after that (bounded).</summary>
    private static async Task WaitUntilRemovedAsync(IReadOnlyList<string> containers)
    {
        for (var waited = TimeSpan.Zero; containers.Count > 0 && waited < TimeSpan.FromSeconds(90); waited += TimeSpan.FromSeconds(1))
        {
            var left = await Docker.OutputAsync(["ps", "-aq", "--no-trunc", .. containers.SelectMany(id => new[] { "--filter", $"id={id}" })]);
            if (string.IsNullOrWhiteSpace(left))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }
}
