namespace AirflowAspire.Hosting.Airflow.FunctionalTests.TestSupport;

/// <summary>The docker CLI against the machine's engine, for what Aspire's API does not show: leftovers, replicas, volumes.</summary>
internal static class DockerEngine
{
    private static readonly Lazy<string?> Unavailable = new(FindWhyUnavailable);

    /// <summary>Skips the test with the reason when no Docker engine answers (fails instead under AIRFLOWASPIRE_REQUIRE_ALL_TOOLS=1).</summary>
    public static void SkipOrFailIfMissing() =>
        RequiredTool.SkipOrFailIfMissing(Unavailable.Value is not null, $"No Docker engine answers `docker info` ({Unavailable.Value})");

    /// <summary>Skips or fails when a test image is missing; tests/images/build.sh builds them from Debian's packages.</summary>
    public static void SkipOrFailIfImageMissing(string image)
    {
        SkipOrFailIfMissing();
        var missing = Run(TimeSpan.FromSeconds(30), "image", "inspect", "--format", "{{.Id}}", image).ExitCode != 0;
        RequiredTool.SkipOrFailIfMissing(missing, $"The test image {image} is missing; build it with tests/images/build.sh");
    }

    public static Task<(int ExitCode, string Output, string Error)> RunAsync(TimeSpan timeout, params string[] args) =>
        DockerCli.RunAsync(timeout, args);

    public static (int ExitCode, string Output, string Error) Run(TimeSpan timeout, params string[] args) =>
        RunAsync(timeout, args).GetAwaiter().GetResult();

    /// <summary>Lines of a docker command's output that must succeed.</summary>
    public static async Task<IReadOnlyList<string>> LinesAsync(params string[] args)
    {
        var (exitCode, output, error) = await RunAsync(TimeSpan.FromSeconds(60), args);
        Assert.True(exitCode == 0, $"`docker {string.Join(' ', args)}` exited with {exitCode}: {error}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>Ids of the containers (running or not) carrying a label, e.g. <c>key=value</c>.</summary>
    public static Task<IReadOnlyList<string>> ContainersWithLabelAsync(string label) =>
        LinesAsync("ps", "-aq", "--no-trunc", "--filter", $"label={label}");

    public static async Task<bool> ContainerExistsAsync(string id) =>
        (await RunAsync(TimeSpan.FromSeconds(30), "container", "inspect", "--format", "{{.Id}}", id)).ExitCode == 0;

    public static async Task<bool> NetworkExistsAsync(string name) =>
        (await RunAsync(TimeSpan.FromSeconds(30), "network", "inspect", "--format", "{{.Id}}", name)).ExitCode == 0;

    public static async Task<bool> VolumeExistsAsync(string name) =>
        (await RunAsync(TimeSpan.FromSeconds(30), "volume", "inspect", "--format", "{{.Name}}", name)).ExitCode == 0;

    /// <summary>The names of the networks a container is attached to.</summary>
    public static async Task<IReadOnlyList<string>> NetworksOfAsync(string containerId) =>
        await LinesAsync("container", "inspect", "--format", "{{range $name, $_ := .NetworkSettings.Networks}}{{$name}}\n{{end}}", containerId);

    /// <summary>The ids of the containers attached to a network.</summary>
    public static async Task<IReadOnlyList<string>> ContainersOnAsync(string network) =>
        await LinesAsync("network", "inspect", "--format", "{{range $id, $_ := .Containers}}{{$id}}\n{{end}}", network);

    /// <summary>Removes a volume, waiting (bounded) while a container that is being removed still holds it.</summary>
    public static async Task RemoveVolumeAsync(string name, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var (exitCode, _, error) = await RunAsync(TimeSpan.FromSeconds(30), "volume", "rm", "-f", name);
            if (exitCode == 0 || !await VolumeExistsAsync(name))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The volume {name} could not be removed within {timeout.TotalSeconds:0} s: {error}");
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>Waits (bounded) until none of the containers and networks exist any more; fails naming what is left.</summary>
    public static async Task AssertGoneAsync(IEnumerable<string> containerIds, IEnumerable<string> networks, TimeSpan timeout)
    {
        var containers = containerIds.Distinct().ToList();
        var nets = networks.Distinct().ToList();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var left = new List<string>();
            foreach (var id in containers)
            {
                if (await ContainerExistsAsync(id))
                {
                    left.Add($"container {id[..Math.Min(12, id.Length)]}");
                }
            }

            foreach (var net in nets)
            {
                if (await NetworkExistsAsync(net))
                {
                    left.Add($"network {net}");
                }
            }

            if (left.Count == 0)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Left behind {timeout.TotalSeconds:0} s after the app stopped: {string.Join(", ", left)}");
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    private static string? FindWhyUnavailable()
    {
        try
        {
            var (exitCode, _, error) = Run(TimeSpan.FromSeconds(30), "info", "--format", "{{.ServerVersion}}");
            return exitCode == 0 ? null : error.Trim();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or TimeoutException)
        {
            return e.Message;
        }
    }
}
