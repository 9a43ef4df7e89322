using System.Text;

namespace AirflowAspire.Orchestration.Tests.Processes;

/// <summary>
/// The processes still running that belong to a test's state directory: labelled with it, working in
/// it, or naming it on their command line. Read from /proc.
/// </summary>
internal static class LeftoverProcesses
{
    public static IReadOnlyList<string> Of(string stateDirectory) =>
        PidsOf(stateDirectory).Select(pid => $"{pid}: {CommandLineOf(pid)}").ToList();

    public static IReadOnlyList<int> PidsOf(string stateDirectory) =>
        Pids().Where(pid =>
                Read($"/proc/{pid}/environ").Contains($"@{stateDirectory}\0", StringComparison.Ordinal)
                || CommandLineOf(pid).Contains(stateDirectory, StringComparison.Ordinal)
                || (WorkingDirectory(pid)?.StartsWith(stateDirectory, StringComparison.Ordinal) ?? false))
            .ToList();

    /// <summary>Every process on the machine whose command line holds <paramref name="text"/>, e.g. a password.</summary>
    public static IReadOnlyList<int> WithCommandLineContaining(string text) =>
        Pids().Where(pid => Read($"/proc/{pid}/cmdline").Contains(text, StringComparison.Ordinal)).ToList();

    /// <summary>The user a process runs as, from /proc/PID/status.</summary>
    public static int UserIdOf(int pid) =>
        int.Parse(File.ReadAllLines($"/proc/{pid}/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1]);

    /// <summary>The processes labelled with the runtime's tag for <paramref name="instance"/>.</summary>
    public static IReadOnlyList<int> Labelled(string stateDirectory, string instance) =>
        Pids().Where(pid => Read($"/proc/{pid}/environ").Contains($"AIRFLOWASPIRE_PROCESS_OWNER={instance}@{stateDirectory}\0", StringComparison.Ordinal)).ToList();

    /// <summary>The command line of a process, its arguments separated by spaces.</summary>
    public static string CommandLineOf(int pid) => Read($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();

    private static IEnumerable<int> Pids() =>
        Directory.EnumerateDirectories("/proc").Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0).Where(pid => pid > 0);

    private static string Read(string path)
    {
        try
        {
            return Encoding.UTF8.GetString(File.ReadAllBytes(path)) + "\0";
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
