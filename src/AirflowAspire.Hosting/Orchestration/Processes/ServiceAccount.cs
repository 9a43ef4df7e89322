using System.Diagnostics;
using System.Globalization;

namespace AirflowAspire.Hosting.Orchestration.Processes;

/// <summary>
/// The unprivileged user that servers refusing root (PostgreSQL) run as when the AppHost is root: a
/// dedicated system user, created on first need, so their data belongs to no other program.
/// </summary>
internal sealed record ServiceAccount(string Name, uint UserId, uint GroupId)
{
    public const string DedicatedUserName = "airflowaspire";

    private static readonly Lock Gate = new();

    /// <summary>The dedicated user, created with useradd when it does not exist yet.</summary>
    public static ServiceAccount EnsureDedicated()
    {
        lock (Gate)
        {
            if (Find(DedicatedUserName) is { } existing)
            {
                return existing;
            }

            var (exitCode, output) = Run("useradd", "--system", "--user-group", "--no-create-home",
                "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", DedicatedUserName);
            return Find(DedicatedUserName) ?? throw new WorkloadStartException(
                $"The AppHost runs as root, and the server must run as an unprivileged user, but the user '{DedicatedUserName}' " +
                $"could not be created (useradd exited with {exitCode}: {output.Trim()}). Create it yourself " +
                $"(useradd --system --user-group {DedicatedUserName}), or run the AppHost as a regular user.");
        }
    }

    /// <summary>Gives a folder and everything in it to this user.</summary>
    public void Own(string folder)
    {
        PosixNative.ChangeOwner(folder, UserId, GroupId);
        foreach (var entry in Directory.EnumerateFileSystemEntries(folder, "*", new EnumerationOptions
                 {
                     RecurseSubdirectories = true,
                     AttributesToSkip = 0,
                     IgnoreInaccessible = false,
                 }))
        {
            PosixNative.ChangeOwner(entry, UserId, GroupId);
        }
    }

    /// <summary>
    /// The nearest existing folder above <paramref name="folder"/> that other users cannot enter (no o+x),
    /// e.g. root's home; null when an unprivileged user can reach the folder.
    /// </summary>
    public static string? FirstClosedAncestor(string folder)
    {
        for (var parent = Path.GetDirectoryName(Path.GetFullPath(folder)); parent is not null; parent = Path.GetDirectoryName(parent))
        {
            if (!OperatingSystem.IsWindows() && Directory.Exists(parent) && (File.GetUnixFileMode(parent) & UnixFileMode.OtherExecute) == 0)
            {
                return parent;
            }
        }

        return null;
    }

    private static ServiceAccount? Find(string name)
    {
        var (exitCode, output) = Run("getent", "passwd", name);
        var fields = output.Trim().Split(':');
        return exitCode == 0 && fields.Length >= 4
            ? new ServiceAccount(name, uint.Parse(fields[2], CultureInfo.InvariantCulture), uint.Parse(fields[3], CultureInfo.InvariantCulture))
            : null;
    }

    private static (int ExitCode, string Output) Run(string executable, params string[] args)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        args.ToList().ForEach(start.ArgumentList.Add);
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            return (process.ExitCode, output.Result + error.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, $"{executable}: {e.Message}");
        }
    }
}
