using System.Globalization;

namespace AirflowAspire.Hosting.Orchestration.Processes;

/// <summary>The fields of /proc/PID/stat the runtime needs: the parent, the state and when the process started.</summary>
internal sealed record ProcessStat(int ParentPid, char State, long StartTime)
{
    public bool IsZombie => State == 'Z';

    public static ProcessStat? Read(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // The command name (field 2) is in parentheses and may hold spaces and parentheses itself.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return new ProcessStat(
            int.Parse(fields[1], CultureInfo.InvariantCulture),
            fields[0][0],
            long.Parse(fields[19], CultureInfo.InvariantCulture));
    }

    /// <summary>Changes at every boot, so a start time is only comparable within one.</summary>
    public static string BootId =>
        File.Exists("/proc/sys/kernel/random/boot_id") ? File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim() : string.Empty;
}
