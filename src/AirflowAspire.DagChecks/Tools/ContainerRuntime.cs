namespace AirflowAspire.DagChecks.Tools;

/// <summary>A container CLI, docker or podman: its name, and where it is (or just its name, for a printed command).</summary>
public sealed record ContainerRuntime(string Name, string Program)
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(30);

    /// <summary>A label of a local image; null when the image is not here or has no such label.</summary>
    public string? ImageLabel(string image, string label)
    {
        var result = ProcessRunner.TryCapture(Program, ["image", "inspect", "--format", $"{{{{index .Config.Labels \"{label}\"}}}}", image], QueryTimeout);
        return result is { ExitCode: 0 } && result.Output.Trim() is { Length: > 0 } value && value != "<no value>" ? value : null;
    }
}
