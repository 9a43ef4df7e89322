using System.Diagnostics;

namespace AirflowAspire.Orchestration.Tests.Processes;

/// <summary>Runs SQL with the installed psql, the password in PGPASSWORD as clients pass it.</summary>
internal static class Psql
{
    public static async Task<(int ExitCode, string Output)> RunAsync(int port, string user, string password, string database, string sql)
    {
        var start = new ProcessStartInfo(Path.Combine(ServerTools.PostgresBin, "psql"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "-h", "127.0.0.1", "-p", $"{port}", "-U", user, "-d", database, "-v", "ON_ERROR_STOP=1", "-qtA", "-c", sql })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PGPASSWORD"] = password;
        start.Environment["PGCONNECT_TIMEOUT"] = "5";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, (await output).Trim() + (await error).Trim());
    }
}
