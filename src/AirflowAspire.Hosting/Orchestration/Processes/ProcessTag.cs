namespace AirflowAspire.Hosting.Orchestration.Processes;

/// <summary>
/// The label of the processes one runtime started, as an environment variable. Every descendant inherits
/// it, even one that leaves the process tree and group (epmd daemonizes), so it finds what a workload left
/// behind, like a container label, and it cannot match a stranger that got a recycled PID.
/// </summary>
/// <param name="StateDirectory">The runtime's state directory, which tells one app's runtime from another's.</param>
/// <param name="Owner">A replica (<c>postgres</c>) or a command run in it (<c>postgres/check</c>); null covers the whole runtime.</param>
internal sealed record ProcessTag(string StateDirectory, string? Owner)
{
    public const string Variable = "AIRFLOWASPIRE_PROCESS_OWNER";

    public string Value => $"{Owner}@{StateDirectory}";

    /// <summary>The tag of something run inside this owner's workload: a health check.</summary>
    public ProcessTag Child(string name) => this with { Owner = $"{Owner}/{name}" };

    /// <summary>True for a process of this owner, of anything run in it, or of any owner when Owner is null.</summary>
    public bool Covers(string value)
    {
        var at = value.IndexOf('@');
        if (at < 0 || value[(at + 1)..] != StateDirectory)
        {
            return false;
        }

        var owner = value[..at];
        return Owner is null || owner == Owner || owner.StartsWith(Owner + "/", StringComparison.Ordinal);
    }
}
