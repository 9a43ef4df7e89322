namespace AirflowAspire.Hosting.Orchestration.Processes;

/// <summary>Everything needed to start one process: nothing is inherited that is not listed here.</summary>
/// <param name="Environment">The whole environment, the runtime's tag included.</param>
internal sealed record ProcessLaunch(
    string Executable,
    IReadOnlyList<string> Args,
    IReadOnlyDictionary<string, string> Environment,
    string WorkingDirectory)
{
    /// <summary>Runs it as this user instead of the AppHost's (which must then be root).</summary>
    public string? UserName { get; init; }

    public string? StandardInput { get; init; }
}
