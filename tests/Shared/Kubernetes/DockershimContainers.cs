using System.Diagnostics;

namespace AirflowAspire.TestSupport.Kubernetes;

/// <summary>
/// The containers the local test cluster's kubelet (dockershim) made in the docker engine. Once a pod is
/// deleted its exited containers stay until the kubelet's garbage collection a minute later; a test removes
/// its namespace's at once, so it leaves none behind.
/// </summary>
internal static class DockershimContainers
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static async Task RemoveAsync(string @namespace)
    {
        // No docker engine here: the cluster is a remote one, whose nodes clean up after themselves.
        var (listed, ids, _) = await DockerAsync("ps", "-aq", "--filter", $"label=io.kubernetes.pod.namespace={@namespace}");
        if (listed && ids.Length > 0)
        {
            var (removed, _, error) = await DockerAsync(["rm", "-f", .. ids.Split('\n', StringSplitOptions.RemoveEmptyEntries)]);
            Assert.True(removed, $"The exited containers of namespace {@namespace} could not be removed: {error}");
        }
    }

    private static async Task<(bool Succeeded, string Output, string Error)> DockerAsync(params string[] args)
    {
        var start = new ProcessStartInfo("docker") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (false, string.Empty, e.Message);
        }

        using (process)
        {
            using var cts = new CancellationTokenSource(Timeout);
            var output = process.StandardOutput.ReadToEndAsync(cts.Token);
            var error = process.StandardError.ReadToEndAsync(cts.Token);
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                return (false, string.Empty, $"`docker {string.Join(' ', args)}` took over {Timeout.TotalSeconds:0} s");
            }

            return (process.ExitCode == 0, (await output).Trim(), (await error).Trim());
        }
    }
}
