using AirflowAspire.DagPackager.Validation.Tools;

namespace AirflowAspire.DagPackager.Validation.InImage;

/// <summary>
/// Finds a container runtime the way the AppHost does (ContainerRuntimeDetector in AirflowAspire.Hosting): docker,
/// then podman, the first installed whose engine answers; <c>AIRFLOWASPIRE_CONTAINER_RUNTIME</c> (docker, podman or
/// none) chooses instead.
/// </summary>
public static class ContainerRuntimeLocator
{
    public const string SettingVariable = "AIRFLOWASPIRE_CONTAINER_RUNTIME";

    private static readonly string[] Candidates = ["docker", "podman"];
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(20);

    /// <exception cref="ValidationUsageException">None can run containers here; the message says why.</exception>
    public static async Task<ContainerRuntime> FindAsync(string? searchPath, string? setting, CancellationToken cancellationToken)
    {
        var chosen = setting?.Trim().ToLowerInvariant();
        if (chosen == "none")
        {
            throw new ValidationUsageException(
                $"--in-image needs a container runtime, and {SettingVariable} is 'none'. Unset it, or set it to docker or podman.");
        }

        if (!string.IsNullOrEmpty(chosen) && !Candidates.Contains(chosen))
        {
            throw new ValidationUsageException($"{SettingVariable} is '{setting}'; use docker, podman or none, or unset it.");
        }

        var problems = new List<string>();
        foreach (var candidate in string.IsNullOrEmpty(chosen) ? Candidates : [chosen])
        {
            var (runtime, problem) = await CheckAsync(candidate, searchPath, cancellationToken);
            if (runtime is not null)
            {
                return runtime;
            }

            problems.Add(problem);
        }

        throw new ValidationUsageException(
            $"--in-image needs a container runtime (docker or podman) to load the DAGs with Airflow, and none can run containers here: " +
            $"{string.Join(" ", problems)} Install Docker (`apt-get install docker.io`) or Podman, or validate without --in-image.");
    }

    private static async Task<(ContainerRuntime? Runtime, string Problem)> CheckAsync(string name, string? searchPath, CancellationToken cancellationToken)
    {
        var program = ExecutableLookup.Find(name, searchPath);
        if (program is null)
        {
            return (null, $"{name} is not installed (not found on PATH).");
        }

        // docker asks its daemon; podman's info works without a service on Linux and asks the VM elsewhere.
        string[] question = name == "podman"
            ? ["info", "--format", "{{.Version.Version}}"]
            : ["version", "--format", "{{.Server.Version}}"];
        var version = new List<string>();
        try
        {
            var answer = await ProcessRunner.RunAsync(program, question, null, version.Add, cancellationToken, AnswerTimeout);
            if (answer.ExitCode == 0 && string.Join("", version).Trim().Length > 0)
            {
                return (new ContainerRuntime(name, program), "");
            }

            var reason = answer.StandardError.Trim().Split('\n')[0];
            return (null, $"{name} is installed, but its engine does not answer: {reason}");
        }
        catch (TimeoutException)
        {
            return (null, $"{name} is installed, but its engine did not answer within {AnswerTimeout.TotalSeconds:0} s.");
        }
    }
}
