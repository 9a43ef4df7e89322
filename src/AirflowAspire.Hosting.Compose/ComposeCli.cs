using System.ComponentModel;
using System.Text;
using AirflowAspire.DagChecks.Tools;

namespace AirflowAspire.Hosting.Compose;

/// <summary>
/// The Docker CLI and Compose found on this machine: <c>docker compose</c> (Compose v2, the plugin) where it answers,
/// else <c>docker-compose</c> (v1). Every command runs without a shell, its arguments a list, bounded in time.
/// </summary>
internal sealed record ComposeCli(IReadOnlyList<string> Compose)
{
    private static readonly TimeSpan VersionTimeout = TimeSpan.FromSeconds(20);

    /// <summary>How a user types Compose here, for the commands a plan prints.</summary>
    public string Typed => string.Join(' ', Compose);

    /// <exception cref="DistributedApplicationException">Neither Docker's CLI with Compose nor docker-compose is installed.</exception>
    public static async Task<ComposeCli> FindAsync(CancellationToken cancellationToken)
    {
        foreach (var compose in new[] { new[] { "docker", "compose" }, ["docker-compose"] })
        {
            if (await TryRunAsync(compose[0], [.. compose[1..], "version"], VersionTimeout, cancellationToken) is { ExitCode: 0 })
            {
                return new ComposeCli(compose);
            }
        }

        throw new DistributedApplicationException(
            "Neither `docker compose` nor `docker-compose` answers `version` on this machine: install Docker's CLI with the Compose plugin (or docker-compose) and run the step again.");
    }

    /// <summary>Runs <c>docker ARGS</c>; stdout and stderr as they were printed.</summary>
    public static Task<ProcessResult> DockerAsync(IReadOnlyList<string> args, TimeSpan timeout, CancellationToken cancellationToken) =>
        RunAsync("docker", args, timeout, cancellationToken);

    /// <summary>Runs Compose with <paramref name="args"/>; stdout and stderr as they were printed.</summary>
    public Task<ProcessResult> RunAsync(IReadOnlyList<string> args, TimeSpan timeout, CancellationToken cancellationToken) =>
        RunAsync(Compose[0], [.. Compose.Skip(1), .. args], timeout, cancellationToken);

    private static async Task<ProcessResult> RunAsync(string program, IReadOnlyList<string> args, TimeSpan timeout, CancellationToken cancellationToken) =>
        await TryRunAsync(program, args, timeout, cancellationToken)
        ?? throw new DistributedApplicationException($"`{program}` is not installed or cannot be started: install Docker's CLI and run the step again.");

    private static async Task<ProcessResult?> TryRunAsync(string program, IReadOnlyList<string> args, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var output = new StringBuilder();
        try
        {
            var result = await ProcessRunner.RunAsync(program, args, null, line => output.Append(line).Append('\n'), cancellationToken, timeout);
            return result with { Output = output.ToString() };
        }
        catch (Win32Exception)
        {
            return null;
        }
        catch (TimeoutException)
        {
            return new ProcessResult(-1, $"{program} {string.Join(' ', args)} did not finish within {timeout.TotalSeconds:0} s.", output.ToString());
        }
    }
}
