using System.Diagnostics;
using Microsoft.Extensions.Configuration;

namespace AirflowAspire.Hosting.Airflow.LocalFallback;

/// <summary>
/// Which container runtime answers at start: <c>ASPIRE_CONTAINER_RUNTIME</c> (or docker, then podman) asked for
/// <c>info</c> with a short timeout. <c>AirflowAspire:ContainerRuntime=none</c> says "none" without asking.
/// </summary>
internal static class ContainerRuntimeProbe
{
    public const string SettingKey = "AirflowAspire:ContainerRuntime";

    public const string None = "none";

    private static readonly TimeSpan InfoTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The runtime that answered, or null when none did.</summary>
    public static async Task<string?> FindAsync(IConfiguration configuration, CancellationToken cancellationToken)
    {
        if (configuration[SettingKey] is { Length: > 0 } forced)
        {
            return string.Equals(forced, None, StringComparison.OrdinalIgnoreCase) ? null : forced;
        }

        string[] candidates = configuration["ASPIRE_CONTAINER_RUNTIME"] is { Length: > 0 } chosen ? [chosen] : ["docker", "podman"];
        foreach (var runtime in candidates)
        {
            if (await AnswersAsync(runtime, cancellationToken).ConfigureAwait(false))
            {
                return runtime;
            }
        }

        return null;
    }

    private static async Task<bool> AnswersAsync(string runtime, CancellationToken cancellationToken)
    {
        using var process = new Process
        {
            StartInfo = new ProcessStartInfo(runtime)
            {
                ArgumentList = { "info" },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            },
        };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }

        _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
        _ = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(InfoTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            return process.ExitCode == 0;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return false;
        }
    }
}
