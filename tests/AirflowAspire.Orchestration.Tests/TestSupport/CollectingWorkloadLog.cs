using AirflowAspire.Hosting.Orchestration;

namespace AirflowAspire.Orchestration.Tests.TestSupport;

/// <summary>An <see cref="IWorkloadLog"/> that keeps every line, so a test can wait for one and look at them all.</summary>
internal sealed class CollectingWorkloadLog : IWorkloadLog
{
    private readonly List<(string Text, bool IsError)> lines = [];
    private readonly SemaphoreSlim written = new(0);

    public IReadOnlyList<(string Text, bool IsError)> Lines
    {
        get
        {
            lock (lines)
            {
                return lines.ToList();
            }
        }
    }

    public string AllText => string.Join('\n', Lines.Select(l => l.Text));

    public void Write(string text, bool isError)
    {
        lock (lines)
        {
            lines.Add((text, isError));
        }

        written.Release();
    }

    /// <summary>The first line that matches, waiting for it up to <paramref name="timeout"/>.</summary>
    public async Task<(string Text, bool IsError)> WaitForAsync(Func<string, bool> match, TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        while (true)
        {
            if (Lines.FirstOrDefault(l => match(l.Text)) is { Text: not null } found)
            {
                return found;
            }

            try
            {
                await written.WaitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException(
                    $"No matching line within {timeout.TotalSeconds:0} s. The log so far:\n{AllText}");
            }
        }
    }
}
