using System.Globalization;
using System.Text;
using AirflowAspire.Hosting.Airflow.Commands;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AirflowAspire.Hosting.Airflow.Upgrade;

/// <summary>
/// A plain-SQL <c>pg_dump</c> of the metadata database, run in its Postgres server's container
/// (<c>docker exec</c>) and written to <c>.airflowaspire/backups/&lt;database&gt;-&lt;UTC time&gt;.sql</c> in the AppHost's
/// folder, readable by its owner only. The password is the container's own <c>POSTGRES_PASSWORD</c>, read inside it:
/// it is in no process's arguments and no log.
/// </summary>
internal static class DatabaseBackup
{
    public static readonly string FolderName = Path.Combine(".airflowaspire", "backups");

    /// <summary>A large database takes a while; <see cref="AirflowCliCommands.TimeoutSetting"/> replaces this too.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(30);

    /// <summary>Runs in the container: the user and password the image was given (Aspire sets both), the database as an argument.</summary>
    internal const string DumpScript =
        "PGPASSWORD=\"$POSTGRES_PASSWORD\" exec pg_dump --host=127.0.0.1 --username=\"${POSTGRES_USER:-postgres}\" --no-password --dbname=\"$1\"";

    public static async Task<ExecuteCommandResult> RunAsync(AirflowResource airflow, string appHostDirectory, ExecuteCommandContext context)
    {
        if (airflow.Database is not { } database)
        {
            return CommandResults.Failure($"Airflow '{airflow.Name}' uses a database outside the model; back it up with its own tools.");
        }

        var server = database.Parent;
        var notifications = context.Services.GetRequiredService<ResourceNotificationService>();
        if (!notifications.TryGetCurrentState(server.Name, out var current) || ContainerExec.RunningContainerId(current.Snapshot) is not { } containerId)
        {
            return CommandResults.Failure($"'{server.Name}' is not running, so its database cannot be dumped; start it first.");
        }

        var folder = Path.Combine(appHostDirectory, FolderName);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName(database.DatabaseName, DateTime.UtcNow));
        var partial = path + ".partial";
        var configuration = context.Services.GetRequiredService<IConfiguration>();
        var runtime = ContainerCommandHealthCheck.ContainerRuntimeName(configuration);
        string[] command = ["sh", "-c", DumpScript, "sh", database.DatabaseName];
        ContainerExecResult result;
        try
        {
            var timeout = AirflowCliCommands.Timeout(configuration, Timeout);
            await using (var file = OwnerOnlyFile(partial))
            {
                result = await ContainerExec.RunInContainerAsync(
                    runtime, containerId, server.Name, command, $"pg_dump {database.DatabaseName}", timeout, context.CancellationToken, file).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is ContainerExecException or IOException or UnauthorizedAccessException)
        {
            File.Delete(partial);
            return CommandResults.Failure($"The backup of '{database.DatabaseName}' failed: {e.Message}");
        }
        catch
        {
            File.Delete(partial);
            throw;
        }

        if (!result.Succeeded)
        {
            File.Delete(partial);
            var reason = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
            return CommandResults.Failure($"pg_dump of '{database.DatabaseName}' in '{server.Name}' exited with {result.ExitCode}{(reason is null ? "" : $": {reason}")}; nothing was written.");
        }

        File.Move(partial, path);
        var size = new FileInfo(path).Length;
        return CommandResults.Success(
            $"Backed up '{database.DatabaseName}' to {path}",
            $"{path}\n{size.ToString("N0", CultureInfo.InvariantCulture)} bytes of SQL (pg_dump). Restore into an empty database with: psql --dbname=<database> --file=<that file>",
            CommandResultFormat.Text,
            displayImmediately: true);
    }

    /// <summary><c>&lt;database&gt;-&lt;yyyyMMdd-HHmmss&gt;Z.sql</c>, any character unsafe in a file name replaced by <c>_</c>.</summary>
    internal static string FileName(string databaseName, DateTime utcNow)
    {
        var safe = new StringBuilder(databaseName.Length);
        foreach (var c in databaseName)
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        }

        return $"{safe}-{utcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}Z.sql";
    }

    private static FileStream OwnerOnlyFile(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(path, options);
    }
}
