using System.Text;
using AirflowAspire.Hosting.Orchestration.Processes;

namespace AirflowAspire.Bench.Orchestration;

/// <summary>
/// The live processes of a round, found in /proc: their environment names the round's state directory (the
/// round variable, the runtime's tag, HOME), or their command line does, or they work in it (PostgreSQL's
/// backends overwrite their environment but keep the data folder as working directory).
/// </summary>
internal static class Leftovers
{
    /// <summary>"pid name" of each live process of the round.</summary>
    public static IReadOnlyList<string> Of(string stateDirectory) =>
        Pids().Where(pid => Belongs(pid, stateDirectory)).Select(pid => $"{pid} {Name(pid)}").ToList();

    /// <summary>SIGKILL to every process of the round, again, until none is left.</summary>
    public static Task KillAsync(string stateDirectory) =>
        ProcessSweeper.KillUntilGoneAsync(() => Pids().Where(pid => Belongs(pid, stateDirectory)).ToList());

    private static bool Belongs(int pid, string stateDirectory) =>
        pid != Environment.ProcessId
        && ProcessStat.Read(pid) is { IsZombie: false }
        && (Read($"/proc/{pid}/environ").Contains(stateDirectory, StringComparison.Ordinal)
            || Read($"/proc/{pid}/cmdline").Contains(stateDirectory, StringComparison.Ordinal)
            || (WorkingDirectory(pid)?.StartsWith(stateDirectory, StringComparison.Ordinal) ?? false));

    private static IEnumerable<int> Pids() =>
        Directory.EnumerateDirectories("/proc").Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0).Where(pid => pid > 0);

    private static string Name(int pid) => Read($"/proc/{pid}/comm").Trim();

    private static string Read(string path)
    {
        try
        {
            return Encoding.UTF8.GetString(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    private static string? WorkingDirectory(int pid)
    {
        try
        {
            return new DirectoryInfo($"/proc/{pid}/cwd").ResolveLinkTarget(returnFinalTarget: false)?.FullName;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
