namespace AirflowAspire.DagPackager.Build;

/// <summary>
/// A problem the user can fix, reported as one message on stderr with an exit code: 2 for bad usage or
/// input (the default), 1 when the work itself failed (a container build or push).
/// </summary>
internal sealed class PackagerError(string message, int exitCode = PackagerError.BadUsage) : Exception(message)
{
    public const int Failed = 1;
    public const int BadUsage = 2;

    public int ExitCode { get; } = exitCode;
}
