using System.ComponentModel;
using System.Diagnostics;

namespace AirflowAspire.Hosting.Compose.Tests.TestSupport;

/// <summary>Runs the real <c>docker-compose</c> (Debian's compose v1); <c>config</c> needs no Docker engine.</summary>
public static class DockerCompose
{
    private static readonly Lazy<bool> Installed = new(() => Run(Path.GetTempPath(), "version").ExitCode == 0);

    public static bool IsInstalled => Installed.Value;

    /// <summary>Runs <c>docker-compose -f FOLDER/docker-compose.yaml --env-file FOLDER/.env ARGS</c>.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Config(string folder, params string[] args) =>
        Run(folder, ["-f", Path.Combine(folder, "docker-compose.yaml"), "--env-file", Path.Combine(folder, ".env"), "config", .. args]);

    private static (int ExitCode, string Stdout, string Stderr) Run(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("docker-compose")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
            {
                process.Kill(entireProcessTree: true);
                return (-1, stdout.Result, "docker-compose did not finish within a minute");
            }

            return (process.ExitCode, stdout.Result, stderr.Result);
        }
        catch (Win32Exception)
        {
            return (-1, string.Empty, "docker-compose is not installed");
        }
    }
}
