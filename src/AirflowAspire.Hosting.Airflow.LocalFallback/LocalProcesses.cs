using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AirflowAspire.Hosting.Airflow.LocalFallback;

/// <summary>What the local servers need from the machine: free ports, programs on PATH, short set-up commands.</summary>
internal static class LocalProcesses
{
    private static readonly TimeSpan SetupTimeout = TimeSpan.FromSeconds(60);

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);

    /// <summary>Runs a set-up command to its end (bounded); throws with its output when it fails.</summary>
    public static async Task RunAsync(string program, IEnumerable<string> args, CancellationToken cancellationToken)
    {
        var arguments = args.ToList();
        var start = LocalProcessGroup.StartInfo(program, arguments);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(SetupTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await LocalProcessGroup.StopAsync(process).ConfigureAwait(false);
            throw new DistributedApplicationException($"'{program} {string.Join(' ', arguments)}' did not finish within {SetupTimeout.TotalSeconds:0} s.");
        }

        if (process.ExitCode != 0)
        {
            throw new DistributedApplicationException(
                $"'{program} {string.Join(' ', arguments)}' exited with {process.ExitCode}: {await error.ConfigureAwait(false)}{await output.ConfigureAwait(false)}");
        }
    }
}
