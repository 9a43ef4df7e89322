using System.Globalization;

namespace AirflowAspire.Hosting.Airflow.Upgrade;

/// <summary>
/// What one run of the migration check printed, read from its console log as Aspire's orchestrator streams it
/// (<see cref="ResourceLoggerService"/>), until the line with its exit status (<see cref="MigrationCheckContainer.ExitMarker"/>).
/// </summary>
internal sealed class MigrationCheckLog
{
    private readonly List<string> output = [];
    private readonly List<string> errors = [];
    private readonly Lock gate = new();

    public int? ExitCode { get; private set; }

    public IReadOnlyList<string> Output
    {
        get
        {
            lock (gate)
            {
                return [.. output];
            }
        }
    }

    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (gate)
            {
                return [.. errors];
            }
        }
    }

    /// <summary>Reads the resource's log until the exit status line; the caller cancels when the container ended without one.</summary>
    public async Task ReadAsync(ResourceLoggerService loggers, IResource check, CancellationToken cancellationToken)
    {
        await foreach (var batch in loggers.WatchAsync(check).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            foreach (var line in batch)
            {
                if (Add(line.Content, line.IsErrorMessage))
                {
                    return;
                }
            }
        }
    }

    /// <summary>Takes one line; true when it was the exit status line, the last one.</summary>
    internal bool Add(string content, bool isError)
    {
        var at = isError ? -1 : content.IndexOf(MigrationCheckContainer.ExitMarker, StringComparison.Ordinal);
        if (at >= 0 && int.TryParse(content.AsSpan(at + MigrationCheckContainer.ExitMarker.Length).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var code))
        {
            ExitCode = code;
            return true;
        }

        lock (gate)
        {
            (isError ? errors : output).Add(content);
        }

        return false;
    }
}
