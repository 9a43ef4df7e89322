namespace AirflowAspire.DagPackager.Tools;

/// <summary>
/// Finds a container runtime the way the AppHost does (ContainerRuntimeDetector in AirflowAspire.Hosting): docker,
/// then podman, the first installed whose engine answers; <c>AIRFLOWASPIRE_CONTAINER_RUNTIME</c> (docker, podman or
/// none), or a command's <c>--container-runtime</c>, chooses instead. The chosen one must answer too.
/// </summary>
public static class ContainerRuntimeLocator
{
    public const string SettingVariable = "AIRFLOWASPIRE_CONTAINER_RUNTIME";
    public const string None = "none";

    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(20);

    /// <summary>The runtimes, in the order they are tried.</summary>
    public static IReadOnlyList<string> Names { get; } = ["docker", "podman"];

    /// <param name="setting">docker, podman or none; null or empty for the first that answers.</param>
    /// <param name="settingName">Where the setting comes from (the variable, or an option), for the problem.</param>
    /// <param name="searchPath">The PATH to look for the programs on.</param>
    public static async Task<ContainerRuntimeSearch> FindAsync(string? setting, string settingName, string? searchPath, CancellationToken cancellationToken)
    {
        var chosen = setting?.Trim().ToLowerInvariant();
        if (chosen == None)
        {
            return new ContainerRuntimeSearch(null, $"{settingName} is '{None}': leave it out, or set it to docker or podman.");
        }

        if (!string.IsNullOrEmpty(chosen) && !Names.Contains(chosen))
        {
            return new ContainerRuntimeSearch(null, $"{settingName} is '{setting}'; use docker, podman or {None}.");
        }

        var problems = new List<string>();
        foreach (var candidate in string.IsNullOrEmpty(chosen) ? Names : [chosen])
        {
            var (runtime, problem) = await CheckAsync(candidate, searchPath, cancellationToken);
            if (runtime is not null)
            {
                return new ContainerRuntimeSearch(runtime, string.Empty);
            }

            problems.Add(problem);
        }

        return new ContainerRuntimeSearch(null,
            $"{string.Join(" ", problems)} Install Docker (`apt-get install docker.io`) or Podman, or start its engine.");
    }

    /// <summary>
    /// For build and release: the runtime <paramref name="option"/> names, else the one <see cref="SettingVariable"/>
    /// names, else the first that answers, on this process's PATH.
    /// </summary>
    public static ContainerRuntimeSearch Find(string? option, string optionName)
    {
        var (setting, settingName) = string.IsNullOrEmpty(option)
            ? (Environment.GetEnvironmentVariable(SettingVariable), SettingVariable)
            : (option, optionName);
        return ProcessRunner.Wait(() => FindAsync(setting, settingName, Environment.GetEnvironmentVariable("PATH"), CancellationToken.None));
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

            var reason = answer.StandardError.Trim().Split('\n')[0].TrimEnd('.');
            return (null, $"{name} is installed, but its engine does not answer{(reason.Length > 0 ? ": " + reason : "")}.");
        }
        catch (TimeoutException)
        {
            return (null, $"{name} is installed, but its engine did not answer within {AnswerTimeout.TotalSeconds:0} s.");
        }
    }
}
