namespace AirflowAspire.DagChecks.Tools;

/// <summary>Finds a program on a PATH value, as a shell would.</summary>
public static class ExecutableLookup
{
    public static string? Find(string name, string? searchPath)
    {
        var names = OperatingSystem.IsWindows() ? [name + ".exe", name + ".cmd", name] : new[] { name };
        return (searchPath ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(folder => names.Select(candidate => Path.Combine(folder, candidate)))
            .FirstOrDefault(IsExecutable);
    }

    private static bool IsExecutable(string path) =>
        File.Exists(path)
        && (OperatingSystem.IsWindows()
            || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);
}
