using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AirflowAspire.Hosting.Airflow.FunctionalTests.TestSupport;

/// <summary>
/// The real AppHost run as a process, the way `dotnet run` runs it: the launch profile's environment, except
/// that the dashboard, its OTLP endpoint and its resource service listen on ports the system picks (port 0),
/// so a second AppHost on the machine cannot collide with this one. Stopped with SIGTERM, as a terminal's
/// Ctrl-C would be (a background process ignores SIGINT).
/// </summary>
internal sealed partial class RunningAppHost : IAsyncDisposable
{
    private const string DcpCreatorLabel = "com.microsoft.developer.usvc-dev.creatorProcessId";
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private readonly TaskCompletionSource<string> loginUrl = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HashSet<string> dcpProcessIds = [];

    private RunningAppHost(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id => process.Id;

    public IReadOnlyList<string> Output => [.. output];

    public bool HasExited => process.HasExited;

    public static RunningAppHost Start()
    {
        var assembly = RepositoryFolders.AppHostAssembly;
        Assert.True(File.Exists(assembly), $"{assembly} is missing; build the test project (it builds the AppHost).");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryFolders.AppHostProject,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add(assembly);
        foreach (var (name, value) in LaunchProfileEnvironment())
        {
            start.Environment[name] = value;
        }

        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = "http://127.0.0.1:0";
        start.Environment["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = "http://127.0.0.1:0";
        start.Environment.Remove("ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL");
        start.Environment["DOTNET_NOLOGO"] = "1";
        return new RunningAppHost(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."));
    }

    /// <summary>The login URL with its token, as the AppHost prints it ("Login to the dashboard at ...").</summary>
    public Task<string> LoginUrlAsync(TimeSpan timeout) => loginUrl.Task.WaitAsync(timeout);

    /// <summary>Remembers the DCP processes this AppHost started (they label what they create with their process id).</summary>
    public void RecordOrchestrator()
    {
        foreach (var pid in DcpProcessesOf(process.Id))
        {
            dcpProcessIds.Add(pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    public IReadOnlyCollection<string> OrchestratorProcessIds => dcpProcessIds;

    /// <summary>Containers and networks labelled by this AppHost's orchestrator.</summary>
    public async Task<IReadOnlyList<string>> LeftoversAsync()
    {
        var left = new List<string>();
        foreach (var pid in dcpProcessIds)
        {
            foreach (var id in await DockerEngine.LinesAsync("ps", "-a", "--filter", $"label={DcpCreatorLabel}={pid}", "--format", "container {{.Names}}"))
            {
                left.Add(id);
            }

            foreach (var id in await DockerEngine.LinesAsync("network", "ls", "--filter", $"label={DcpCreatorLabel}={pid}", "--format", "network {{.Name}}"))
            {
                left.Add(id);
            }
        }

        return left;
    }

    /// <summary>Sends SIGTERM and waits (bounded) for the AppHost to exit; false when it did not, and then kills it.</summary>
    public async Task<bool> StopAsync(TimeSpan timeout)
    {
        if (process.HasExited)
        {
            return true;
        }

        Assert.Equal(0, Kill(process.Id, SigTerm));
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
            return true;
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(60));
        process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        if (LoginLine().Match(line) is { Success: true } match)
        {
            loginUrl.TrySetResult(match.Groups[1].Value);
        }
    }

    /// <summary>The environment variables of the AppHost's first launch profile, which `dotnet run` would set.</summary>
    private static IEnumerable<(string Name, string Value)> LaunchProfileEnvironment()
    {
        var path = Path.Combine(RepositoryFolders.AppHostProject, "Properties", "launchSettings.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var profile = document.RootElement.GetProperty("profiles").EnumerateObject().First().Value;
        if (profile.TryGetProperty("environmentVariables", out var variables))
        {
            foreach (var variable in variables.EnumerateObject())
            {
                yield return (variable.Name, variable.Value.GetString() ?? "");
            }
        }
    }

    /// <summary>
    /// DCP's API server is started with <c>--monitor &lt;AppHost pid&gt;</c> and detached; its controllers (the process that
    /// creates and labels containers) are its children.
    /// </summary>
    private static IEnumerable<int> DcpProcessesOf(int appHostId)
    {
        var parents = new Dictionary<int, int>();
        var servers = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
                var arguments = File.ReadAllText(Path.Combine(directory, "cmdline")).Split('\0');
                var monitor = Array.IndexOf(arguments, "--monitor");
                if (arguments.Contains("start-apiserver") && monitor >= 0 && monitor + 1 < arguments.Length
                    && arguments[monitor + 1] == appHostId.ToString(System.Globalization.CultureInfo.InvariantCulture))
                {
                    servers.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // The process ended while being read.
            }
        }

        var found = new HashSet<int>(servers);
        bool added;
        do
        {
            added = false;
            foreach (var (pid, parent) in parents)
            {
                if (found.Contains(parent) && found.Add(pid))
                {
                    added = true;
                }
            }
        }
        while (added);
        return found;
    }

    private const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [GeneratedRegex(@"Login to the dashboard at (http\S+/login\?t=\S+)")]
    private static partial Regex LoginLine();
}
