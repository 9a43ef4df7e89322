namespace AirflowAspire.Hosting.Orchestration;

/// <summary>
/// A replica's output into its resource's log, prefixed with the replica when there are several. Until the
/// workload runs (image pull, set-up), its lines also go to the terminal, so a pull shows its progress.
/// </summary>
internal sealed class WorkloadLog(string resourceName, string? replicaPrefix, ResourceLogService logs, TerminalReporter terminal) : IWorkloadLog
{
    private volatile bool started;

    public void MarkStarted() => started = true;

    public void Write(string text, bool isError)
    {
        var line = replicaPrefix is null ? text : $"[{replicaPrefix}] {text}";
        logs.Write(resourceName, line, isError);
        if (!started)
        {
            terminal.Progress(resourceName, line);
        }
    }
}
