using System.Text;

namespace AirflowAspire.Hosting.Orchestration.Processes;

/// <summary>Finds and kills processes through /proc (Linux); elsewhere it finds nothing.</summary>
internal static class ProcessSweeper
{
    private static readonly TimeSpan KillTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Live processes whose environment carries a tag that <paramref name="tag"/> covers.</summary>
    public static IReadOnlyList<int> FindTagged(ProcessTag tag)
    {
        var prefix = Encoding.UTF8.GetBytes(ProcessTag.Variable + "=");
        var found = new List<int>();
        foreach (var pid in AllPids().Where(pid => pid != Environment.ProcessId))
        {
            // Zombies have no environment left, so they never match.
            var environment = TryRead(() => File.ReadAllBytes($"/proc/{pid}/environ"));
            if (environment is not null && TagValue(environment, prefix) is { } value && tag.Covers(value))
            {
                found.Add(pid);
            }
        }

        return found;
    }

    /// <summary>The live children of <paramref name="pid"/>, their children, and so on.</summary>
    public static IReadOnlyList<int> Descendants(int pid)
    {
        var parents = AllPids()
            .Select(p => (Pid: p, Stat: ProcessStat.Read(p)))
            .Where(p => p.Stat is { IsZombie: false })
            .ToLookup(p => p.Stat!.ParentPid, p => p.Pid);
        var result = new List<int>();
        var queue = new Queue<int>([pid]);
        while (queue.TryDequeue(out var parent))
        {
            foreach (var child in parents[parent].Where(c => !result.Contains(c)))
            {
                result.Add(child);
                queue.Enqueue(child);
            }
        }

        return result;
    }

    /// <summary>
    /// Sends SIGKILL to what <paramref name="find"/> returns, and again, until every process it ever
    /// returned is gone, zombies included. A killed server's children may no longer be found (their parent
    /// is gone, and PostgreSQL's backends overwrite their environment) while they are still dying.
    /// </summary>
    public static async Task KillUntilGoneAsync(Func<IReadOnlyList<int>> find)
    {
        // Known by start time too, so a PID the system hands to a new process meanwhile is left alone.
        var targets = new Dictionary<int, long>();
        var deadline = DateTime.UtcNow + KillTimeout;
        while (DateTime.UtcNow < deadline)
        {
            foreach (var pid in find())
            {
                if (ProcessStat.Read(pid) is { IsZombie: false } stat)
                {
                    targets.TryAdd(pid, stat.StartTime);
                }
            }

            // A zombie is not gone yet: PostgreSQL takes the PID in an old postmaster.pid that still exists
            // for a running server, and an orphan stays a zombie until init reaps it, which may take seconds.
            var alive = targets.Where(t => ProcessStat.Read(t.Key) is { } stat && stat.StartTime == t.Value).ToList();
            if (alive.Count == 0)
            {
                return;
            }

            foreach (var (pid, _) in alive)
            {
                PosixNative.Signal(pid, PosixNative.SigKill);
            }

            await Task.Delay(20);
        }
    }

    private static IEnumerable<int> AllPids() =>
        Directory.Exists("/proc")
            ? Directory.EnumerateDirectories("/proc")
                .Select(folder => int.TryParse(Path.GetFileName(folder), out var pid) ? pid : 0)
                .Where(pid => pid > 0)
            : [];

    private static string? TagValue(byte[] environment, byte[] prefix)
    {
        var start = 0;
        while (start < environment.Length)
        {
            var end = Array.IndexOf(environment, (byte)0, start);
            end = end < 0 ? environment.Length : end;
            var entry = environment.AsSpan(start, end - start);
            if (entry.StartsWith(prefix))
            {
                return Encoding.UTF8.GetString(entry[prefix.Length..]);
            }

            start = end + 1;
        }

        return null;
    }

    private static T? TryRead<T>(Func<T> read) where T : class
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Gone meanwhile, or another user's process.
            return null;
        }
    }
}
