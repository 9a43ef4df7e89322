using System.ComponentModel;

namespace AirflowAspire.DagChecks.Tools;

/// <summary>
/// Finds a container runtime whose engine answers: docker, then podman, the first installed that prints its engine's
/// version to <c>info</c> in time. dag-packager and the AppHost both look this way; they differ in what chooses a
/// runtime and how long they wait:
/// <list type="bullet">
/// <item>dag-packager (<see cref="FindAsync"/>, <see cref="Find"/>): <c>AIRFLOWASPIRE_CONTAINER_RUNTIME</c> or a
/// command's <c>--container-runtime</c> (docker, podman or none, anything else refused) chooses; an engine gets
/// <see cref="AnswerTimeout"/>, for a cold start of Docker Desktop's or podman's VM is worth waiting for in a command
/// that needs it.</item>
/// <item>The AppHost (ContainerRuntimeProbe, on <see cref="FirstThatAnswersAsync"/>): Aspire's
/// <c>ASPIRE_CONTAINER_RUNTIME</c> chooses, tried as it is named, and <c>AirflowAspire:ContainerRuntime</c> decides
/// without asking; an engine gets 5 s, for every start of an AppHost waits on it.</item>
/// </list>
/// </summary>
public static class ContainerRuntimeLocator
{
    public const string SettingVariable = "AIRFLOWASPIRE_CONTAINER_RUNTIME";
    public const string None = "none";

    /// <summary>How long dag-packager waits for an engine to answer.</summary>
    public static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(20);

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

        return await FirstThatAnswersAsync(string.IsNullOrEmpty(chosen) ? Names : [chosen], searchPath, AnswerTimeout, cancellationToken);
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

    /// <summary>The first of <paramref name="candidates"/> (program names) on <paramref name="searchPath"/> whose engine answers within <paramref name="answerTimeout"/>.</summary>
    public static async Task<ContainerRuntimeSearch> FirstThatAnswersAsync(
        IReadOnlyList<string> candidates, string? searchPath, TimeSpan answerTimeout, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        foreach (var candidate in candidates)
        {
            var (runtime, problem) = await CheckAsync(candidate, searchPath, answerTimeout, cancellationToken);
            if (runtime is not null)
            {
                return new ContainerRuntimeSearch(runtime, string.Empty);
            }

            problems.Add(problem);
        }

        return new ContainerRuntimeSearch(null,
            $"{string.Join(" ", problems)} Install Docker (`apt-get install docker.io`) or Podman, or start its engine.");
    }

    private static async Task<(ContainerRuntime? Runtime, string Problem)> CheckAsync(
        string name, string? searchPath, TimeSpan answerTimeout, CancellationToken cancellationToken)
    {
        var program = ExecutableLookup.Find(name, searchPath);
        if (program is null)
        {
            return (null, $"{name} is not installed (not found on PATH).");
        }

        // info asks docker's daemon; podman's works without a service on Linux and asks the VM elsewhere.
        string[] question = name == "podman"
            ? ["info", "--format", "{{.Version.Version}}"]
            : ["info", "--format", "{{.ServerVersion}}"];
        var version = new List<string>();
        try
        {
            var answer = await ProcessRunner.RunAsync(program, question, null, version.Add, cancellationToken, answerTimeout);
            if (answer.ExitCode == 0 && string.Join("", version).Trim().Length > 0)
            {
                return (new ContainerRuntime(name, program), "");
            }

            var reason = answer.StandardError.Trim().Split('\n')[0].TrimEnd('.');
            return (null, $"{name} is installed, but its engine does not answer{(reason.Length > 0 ? ": " + reason : "")}.");
        }
        catch (TimeoutException)
        {
            return (null, $"{name} is installed, but its engine did not answer within {answerTimeout.TotalSeconds:0} s.");
        }
        catch (Win32Exception e)
        {
            return (null, $"{name} cannot be started: {e.Message}.");
        }
    }
}
