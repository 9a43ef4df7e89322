using AirflowAspire.Hosting.Orchestration;
using AirflowAspire.Hosting.Orchestration.Processes;

namespace AirflowAspire.Hosting.Integrations.Postgres;

/// <summary>The folder of an installed PostgreSQL's server programs (initdb, postgres, pg_isready).</summary>
internal sealed record PostgresLocalProcessBinaries(string Folder)
{
    private const string DebianRoot = "/usr/lib/postgresql";

    public string Path(string program) => System.IO.Path.Combine(Folder, program);

    /// <summary>
    /// The version that made the data folder when there is one (a newer server cannot open it), else the
    /// newest of Debian's /usr/lib/postgresql/*/bin, else what <c>pg_config --bindir</c> says.
    /// </summary>
    public static PostgresLocalProcessBinaries Find(LocalProcessContext context, string dataFolder)
    {
        var versionFile = System.IO.Path.Combine(dataFolder, "PG_VERSION");
        var dataVersion = File.Exists(versionFile) ? File.ReadAllText(versionFile).Trim() : null;
        var candidates = DebianFolders().ToList();
        var folder = candidates.FirstOrDefault(c => c.Version == dataVersion).Folder
                     ?? candidates.FirstOrDefault().Folder
                     ?? PgConfigBinDir(context);
        if (folder is null || !File.Exists(System.IO.Path.Combine(folder, "postgres")))
        {
            throw new WorkloadStartException(
                $"No container runtime: install docker or podman. '{context.Spec.InstanceName}' can run from a local PostgreSQL " +
                "instead, but none was found (no /usr/lib/postgresql/*/bin, no pg_config on PATH): install it (apt-get install postgresql).");
        }

        return new PostgresLocalProcessBinaries(folder);
    }

    private static IEnumerable<(string Version, string Folder)> DebianFolders() =>
        Directory.Exists(DebianRoot)
            ? Directory.EnumerateDirectories(DebianRoot)
                .Select(d => (Version: System.IO.Path.GetFileName(d), Folder: System.IO.Path.Combine(d, "bin")))
                .Where(c => File.Exists(System.IO.Path.Combine(c.Folder, "postgres")))
                .OrderByDescending(c => double.TryParse(c.Version, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : 0)
            : [];

    private static string? PgConfigBinDir(LocalProcessContext context)
    {
        if (context.FindExecutable("pg_config") is not { } pgConfig)
        {
            return null;
        }

        var start = new System.Diagnostics.ProcessStartInfo(pgConfig, "--bindir") { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return process.ExitCode == 0 && output.Length > 0 ? output : null;
    }
}
