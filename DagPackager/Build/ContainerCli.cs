namespace AirflowAspire.DagPackager.Build;

/// <summary>
/// The container runtime's command line, <c>docker</c> or <c>podman</c>: the first on PATH whose engine
/// answers, or the one <c>--container-runtime</c> (or <c>AIRFLOWASPIRE_CONTAINER_RUNTIME</c>, as for the
/// AppHost) names; <c>none</c> means there is none.
/// </summary>
internal sealed record ContainerCli(string Name, string Program)
{
    public const string EnvironmentVariable = "AIRFLOWASPIRE_CONTAINER_RUNTIME";
    public static readonly string[] Names = ["docker", "podman"];

    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The runtime to use; null when none is wanted or none is installed; an error when none installed answers.</summary>
    public static ContainerCli? Find(string? requested)
    {
        requested ??= Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrEmpty(requested))
        {
            var installed = Names.Select(name => ProcessRunner.Find(name) is { } program ? new ContainerCli(name, program) : null).OfType<ContainerCli>().ToList();
            return installed.FirstOrDefault(cli => cli.EngineAnswers())
                ?? (installed.Count == 0
                    ? null
                    : throw new PackagerError(
                        $"{string.Join(" and ", installed.Select(cli => cli.Name))} {(installed.Count == 1 ? "is" : "are")} installed, but no engine answers: start it " +
                        "(e.g. sudo systemctl start docker), or give --context-only."));
        }

        if (requested == "none")
        {
            return null;
        }

        if (!Names.Contains(requested))
        {
            throw new PackagerError($"Unknown container runtime '{requested}'; use docker, podman or none.");
        }

        return ProcessRunner.Find(requested) is { } found
            ? new ContainerCli(requested, found)
            : throw new PackagerError($"The container runtime '{requested}' was asked for but is not on PATH.");
    }

    /// <summary>As <see cref="Find"/>, but null instead of an error: for reading labels, which is optional.</summary>
    public static ContainerCli? TryFind(string? requested)
    {
        try
        {
            return Find(requested);
        }
        catch (PackagerError)
        {
            return null;
        }
    }

    /// <summary>
    /// The environment of a build. Docker without the buildx plugin (Debian's docker.io, for one) builds with
    /// the classic builder, which the generated Dockerfile suits; newer Docker refuses to without
    /// DOCKER_BUILDKIT=0.
    /// </summary>
    public IReadOnlyDictionary<string, string> BuildEnvironment() =>
        Name == "docker" && Path.IsPathRooted(Program) && ProcessRunner.TryCapture(Program, ["buildx", "version"], QueryTimeout) is not { ExitCode: 0 }
            ? new Dictionary<string, string> { ["DOCKER_BUILDKIT"] = "0" }
            : new Dictionary<string, string>();

    public bool EngineAnswers() =>
        ProcessRunner.TryCapture(Program, ["version", "--format", Name == "docker" ? "{{.Server.Version}}" : "{{.Version}}"], QueryTimeout) is { ExitCode: 0 };

    /// <summary>A label of a local image; null when the image is not here or has no such label.</summary>
    public string? ImageLabel(string image, string label)
    {
        var result = ProcessRunner.TryCapture(Program, ["image", "inspect", "--format", $"{{{{index .Config.Labels \"{label}\"}}}}", image], QueryTimeout);
        return result is { ExitCode: 0 } && result.Output.Trim() is { Length: > 0 } value && value != "<no value>" ? value : null;
    }
}
