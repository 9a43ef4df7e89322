namespace AirflowAspire.Orchestration.Tests.Containers;

/// <summary>
/// The command lines of every process on the machine, read from /proc again and again: what `ps` shows, but
/// fast enough to see a CLI that lives only a fraction of a second.
/// </summary>
internal static class ProcessCommandLines
{
    public static IReadOnlyCollection<string> CollectUntil(CancellationToken stop)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (!Directory.Exists("/proc"))
        {
            return seen;
        }

        while (!stop.IsCancellationRequested)
        {
            foreach (var process in Directory.EnumerateDirectories("/proc"))
            {
                try
                {
                    var commandLine = File.ReadAllText(Path.Combine(process, "cmdline")).Replace('\0', ' ');
                    if (commandLine.Length > 0)
                    {
                        seen.Add(commandLine);
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // The process ended while we looked, or belongs to another user.
                }
            }

            stop.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(5));
        }

        return seen;
    }
}
