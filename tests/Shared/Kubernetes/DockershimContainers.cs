namespace AirflowAspire.TestSupport.Kubernetes;

/// <summary>
/// The containers the local test cluster's kubelet (dockershim) made in the docker engine. Once a pod is
/// deleted its exited containers stay until the kubelet's garbage collection a minute later; a test removes
/// its namespace's at once, with their anonymous volumes (the images' VOLUME folders), so it leaves none behind.
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
            var (removed, _, error) = await DockerAsync(["rm", "-f", "-v", .. ids.Split('\n', StringSplitOptions.RemoveEmptyEntries)]);
            Assert.True(removed, $"The exited containers of namespace {@namespace} could not be removed: {error}");
        }
    }

    private static async Task<(bool Succeeded, string Output, string Error)> DockerAsync(params string[] args)
    {
        try
        {
            var (exitCode, output, error) = await DockerCli.RunAsync(Timeout, args);
            return (exitCode == 0, output, error);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or TimeoutException)
        {
            return (false, string.Empty, e.Message);
        }
    }
}
