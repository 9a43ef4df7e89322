using AirflowAspire.Hosting.Publishing;

namespace AirflowAspire.Hosting.Compose;

/// <summary>What every service of one compose file is rendered against: the other services, how values are written, where the file goes.</summary>
internal sealed class ComposeProject(IReadOnlyList<ComposeServiceSource> sources, ComposeValues values, string outputDirectory)
{
    public IReadOnlyList<ComposeServiceSource> Sources { get; } = sources;

    public IReadOnlySet<ContainerResource> Services { get; } = sources.Select(s => s.Container).ToHashSet();

    public ComposeValues Values { get; } = values;

    /// <summary>The compose file's folder; bind mount sources are written relative to it.</summary>
    public string OutputDirectory { get; } = outputDirectory;

    /// <summary>The secret parameters the services' environment and arguments use, in order of first use.</summary>
    public IEnumerable<ParameterResource> Secrets() =>
        Sources.SelectMany(s => s.Environment.Select(e => e.Value).Concat(s.Arguments))
            .SelectMany(ModelValues.Secrets)
            .Distinct();

    /// <summary>The secrets the services' environment holds inside JSON strings: the .env holds their JSON-escaped values too.</summary>
    public IEnumerable<ParameterResource> JsonEncodedSecrets() =>
        Sources.SelectMany(s => s.Environment.Select(e => e.Value))
            .SelectMany(ModelValues.JsonEncodedSecrets)
            .Distinct();

    /// <summary>A container that runs once: what a template says runs once (Airflow's init), or anything another service waits for to complete.</summary>
    public bool IsRunOnce(ContainerResource container) =>
        ComposeTemplates.All.Any(t => t.RunsOnce(container))
        || ComposeDependsOn.IsAwaitedToComplete(container, Services);
}
