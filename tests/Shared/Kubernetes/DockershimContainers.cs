namespace AirflowAspire.TestSupport.Kubernetes;

/// <summary>
/// The containers the local test cluster's kubelet (dockershim) made in the docker engine. Once a pod is
/// deleted its exited containers stay until the kubelet's garbage collection a minute later; a test removes
/// its namespace's at once, with their anonymous volumes (the images' VOLUME folders), so it leaves none behind.
/// </summary>
internal static class DockershimContainers
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RemovalTimeout = TimeSpan.FromMinutes(2);

    public static async Task RemoveAsync(string @namespace)
    {
        // The kubelet's garbage collection may remove the same containers meanwhile ("No such container",
        // "removal ... already in progress"): what counts is that none is left, so the namespace's are listed
        // again until the list is empty.
        var lastError = string.Empty;
        await Poll.UntilAsync($"the containers of namespace {@namespace} removed", RemovalTimeout, async () =>
        {
            var (listed, ids, error) = await DockerAsync("ps", "-aq", "--filter", $"label=io.kubernetes.pod.namespace={@namespace}");
            if (!listed)
            {
                // No docker engine here: the cluster is a remote one, whose nodes clean up after themselves.
                return "no engine";
            }

            var left = ids.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (left.Length == 0)
            {
                return "none left";
            }

            (_, _, lastError) = await DockerAsync(["rm", "-f", "-v", .. left]);
            return null;
        }, () => Task.FromResult($"The last removal said: {lastError}"));
    }

    private static async Task<(bool Succeeded, string Output, string Error)> DockerAsync(params string[] args)
    {
        try
        {
            var (exitCode, output, error) = await DockerCli.RunAsync(CommandTimeout, args);
            return (exitCode == 0, output, error);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or TimeoutException)
        {
            return (false, string.Empty, e.Message);
        }
    }
}
