using System.Diagnostics;
using System.Globalization;
using AirflowAspire.Hosting.Orchestration.Processes;

namespace AirflowAspire.Bench.Orchestration;

/// <summary>
/// The unprivileged user the process runtime runs Postgres as when it is root (<c>airflowaspire</c>, which
/// the runtime creates on first need: the warm-up round of ours does). The baseline runs Postgres as it too.
/// </summary>
internal sealed record ServiceUser(string Name, uint UserId, uint GroupId)
{
    public const string RuntimeUserName = "airflowaspire";

    public static ServiceUser Find()
    {
        using var getent = Process.Start(new ProcessStartInfo("getent", ["passwd", RuntimeUserName]) { RedirectStandardOutput = true })!;
        var fields = getent.StandardOutput.ReadToEnd().Trim().Split(':');
        getent.WaitForExit();
        return getent.ExitCode == 0 && fields.Length >= 4
            ? new ServiceUser(RuntimeUserName, uint.Parse(fields[2], CultureInfo.InvariantCulture), uint.Parse(fields[3], CultureInfo.InvariantCulture))
            : throw new InvalidOperationException($"There is no user '{RuntimeUserName}'; the process runtime creates it when it starts Postgres as root.");
    }

    /// <summary>Gives a folder and everything in it to this user, as the runtime does before setup.</summary>
    public void Own(string folder)
    {
        PosixNative.ChangeOwner(folder, UserId, GroupId);
        foreach (var entry in Directory.EnumerateFileSystemEntries(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            PosixNative.ChangeOwner(entry, UserId, GroupId);
        }
    }
}
