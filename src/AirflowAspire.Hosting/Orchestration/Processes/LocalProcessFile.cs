namespace AirflowAspire.Hosting.Orchestration.Processes;

/// <summary>A file a plan needs (a configuration, a password file), written with mode 600 for the process's user.</summary>
/// <param name="Path">An absolute path inside the state folder.</param>
public sealed record LocalProcessFile(string Path, string Content)
{
    /// <summary>Deleted once the setup commands ran, e.g. a password file only initialization reads.</summary>
    public bool RemoveAfterSetup { get; init; }
}
