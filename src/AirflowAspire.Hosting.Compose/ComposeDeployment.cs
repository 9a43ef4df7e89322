using System.Text.Json;

namespace AirflowAspire.Hosting.Compose;

/// <summary>
/// A compose deployment running on the Docker engine, read back from its containers' labels (which Compose v1 and v2
/// both set): those of the project Compose ran from the published folder, or the project named explicitly.
/// </summary>
internal sealed record ComposeDeployment(string Project, IReadOnlyList<ComposeDeployment.Container> Containers)
{
    private const string ProjectLabel = "com.docker.compose.project";
    private const string WorkingDirectoryLabel = "com.docker.compose.project.working_dir";
    private const string ServiceLabel = "com.docker.compose.service";
    private const string OneOffLabel = "com.docker.compose.oneoff";
    private static readonly TimeSpan DockerTimeout = TimeSpan.FromSeconds(30);

    /// <summary>One container of a service, with its image as Compose named it.</summary>
    public sealed record Container(string Service, string Image, IReadOnlyDictionary<string, string> Labels, bool Running);

    /// <summary>The containers of service <paramref name="service"/>.</summary>
    public IEnumerable<Container> Of(string service) => Containers.Where(c => c.Service == service);

    /// <summary>
    /// The deployment Compose runs from <paramref name="folder"/> (or the project <paramref name="project"/>); null when no
    /// container of it exists, running or stopped. One-off containers (<c>compose run</c>) are not part of it.
    /// </summary>
    public static async Task<ComposeDeployment?> ReadAsync(string folder, string? project, CancellationToken cancellationToken)
    {
        var filter = project is null ? $"label={WorkingDirectoryLabel}={Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar)}" : $"label={ProjectLabel}={project}";
        var listed = await ComposeCli.DockerAsync(["ps", "--all", "--quiet", "--no-trunc", "--filter", filter], DockerTimeout, cancellationToken);
        if (listed.ExitCode != 0)
        {
            throw new DistributedApplicationException($"`docker ps` failed, so the compose deployment cannot be read: {listed.StandardError.Trim()} Start the Docker engine and run the step again.");
        }

        var ids = listed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (ids.Length == 0)
        {
            return null;
        }

        var inspected = await ComposeCli.DockerAsync(["inspect", .. ids], DockerTimeout, cancellationToken);
        if (inspected.ExitCode != 0)
        {
            throw new DistributedApplicationException($"`docker inspect` of the compose deployment's containers failed: {inspected.StandardError.Trim()}");
        }

        var containers = JsonDocument.Parse(inspected.Output).RootElement.EnumerateArray()
            .Select(Read)
            .Where(c => c.Labels.GetValueOrDefault(OneOffLabel) != "True")
            .ToList();
        return containers.Count == 0 ? null : new ComposeDeployment(containers[0].Labels.GetValueOrDefault(ProjectLabel, project ?? string.Empty), containers);
    }

    private static Container Read(JsonElement container)
    {
        var config = container.GetProperty("Config");
        var labels = config.TryGetProperty("Labels", out var found) && found.ValueKind == JsonValueKind.Object
            ? found.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        var running = container.GetProperty("State").GetProperty("Running").GetBoolean();
        return new Container(labels.GetValueOrDefault(ServiceLabel, string.Empty), config.GetProperty("Image").GetString() ?? "unknown", labels, running);
    }
}
