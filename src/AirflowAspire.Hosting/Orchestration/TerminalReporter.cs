namespace AirflowAspire.Hosting.Orchestration;

/// <summary>What the AppHost's terminal says during a run: state changes and start-up progress, one line each.</summary>
public sealed class TerminalReporter(TextWriter output, TimeProvider time)
{
    private readonly Lock gate = new();

    public void Info(string message) => WriteLine(message);

    public void Progress(string resourceName, string line) => WriteLine($"{resourceName}: {line}");

    /// <summary>Prints state changes as they happen until cancelled.</summary>
    public async Task FollowAsync(ResourceNotificationService notifications, CancellationToken cancellationToken)
    {
        var last = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            await foreach (var snapshot in notifications.WatchAsync(cancellationToken))
            {
                if (snapshot.State is ResourceState.Inert or ResourceState.NotStarted)
                {
                    continue;
                }

                var summary = Summarize(snapshot);
                if (!last.TryGetValue(snapshot.Name, out var previous) || previous != summary)
                {
                    last[snapshot.Name] = summary;
                    WriteLine($"{snapshot.Name}: {summary}");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static string Summarize(ResourceSnapshot snapshot)
    {
        var state = snapshot.State == ResourceState.Running && snapshot.Health != HealthStatus.Unknown
            ? $"Running ({snapshot.Health.ToString().ToLowerInvariant()})"
            : snapshot.State.ToString();
        var message = snapshot.State is ResourceState.FailedToStart or ResourceState.Exited or ResourceState.RuntimeUnavailable
            ? snapshot.StateMessage
            : null;
        return message is null ? state : $"{state}: {message}";
    }

    private void WriteLine(string text)
    {
        lock (gate)
        {
            output.WriteLine($"{time.GetLocalNow():HH:mm:ss} {text}");
            output.Flush();
        }
    }
}
