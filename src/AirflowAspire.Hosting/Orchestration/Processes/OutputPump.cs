namespace AirflowAspire.Hosting.Orchestration.Processes;

/// <summary>Reads a process's output line by line as it comes.</summary>
internal static class OutputPump
{
    public static Task StartAsync(StreamReader reader, Action<string> onLine) => Task.Run(async () =>
    {
        try
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                onLine(line);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The pipe closed under us when the process was disposed.
        }
    });
}
