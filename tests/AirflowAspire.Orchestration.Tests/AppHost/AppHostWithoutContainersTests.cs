using System.Diagnostics;
using System.Net;
using System.Text.Json;
using AirflowAspire.Orchestration.Tests.Processes;
using AirflowAspire.Orchestration.Tests.TestSupport;

namespace AirflowAspire.Orchestration.Tests.AppHost;

/// <summary>
/// <c>dotnet run --project AppHost</c> on a machine with no container runtime: it still starts, prints the
/// dashboard URL, serves the dashboard, reports the missing runtime on the resources that need one, and
/// exits cleanly on Ctrl+C, leaving no process behind.
/// </summary>
public sealed class AppHostWithoutContainersTests : IDisposable
{
    private readonly string stateDirectory = Directory.CreateTempSubdirectory("aa-apphost-state-").FullName;

    [Fact]
    public async Task Starts_serves_the_dashboard_reports_the_missing_runtime_and_stops_on_SIGINT()
    {
        await using var appHost = RunningAppHost.Start(
            new Dictionary<string, string>
            {
                ["AIRFLOWASPIRE_CONTAINER_RUNTIME"] = "none",
                ["AIRFLOWASPIRE_STATE_DIR"] = stateDirectory,
                ["PATH"] = PathWithoutAirflow(),
            },
            "--Dashboard:Port=0");

        var runtimeLine = await appHost.WaitForLineAsync("No container runtime", TimeSpan.FromSeconds(90));
        Assert.Contains("none", runtimeLine);
        var dashboardLine = await appHost.WaitForLineAsync("Dashboard: http://127.0.0.1:", TimeSpan.FromSeconds(30));
        var loginUrl = new Uri(dashboardLine[(dashboardLine.IndexOf("http://", StringComparison.Ordinal))..].Trim());
        Assert.Contains("/login?t=", loginUrl.PathAndQuery);

        using var anonymous = new HttpClient { BaseAddress = new Uri(loginUrl.GetLeftPart(UriPartial.Authority)) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/resources")).StatusCode);

        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() })
        {
            BaseAddress = anonymous.BaseAddress,
        };
        var home = await browser.GetAsync(loginUrl);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);

        string[] airflowComponents = ["airflow-init", "airflow-api-server", "airflow-scheduler", "airflow-dag-processor", "airflow-triggerer", "airflow-worker", "airflow-flower"];
        foreach (var component in airflowComponents)
        {
            var resource = await WaitForResourceAsync(browser, component, r => r.GetProperty("state").GetString() == "RuntimeUnavailable");
            var message = resource.GetProperty("stateMessage").GetString();
            Assert.Contains("No container runtime: install docker or podman", message);
            Assert.Contains("'airflow' executable on PATH", message);
        }

        var exitCode = await appHost.InterruptAsync(TimeSpan.FromSeconds(90));
        Assert.True(exitCode == 0, $"exit code {exitCode}. Terminal:{Environment.NewLine}{appHost.Transcript}");
        Assert.Contains("Stopped.", appHost.Transcript);
        Assert.Empty(LeftoverProcesses.Of(stateDirectory));
    }

    public void Dispose()
    {
        foreach (var pid in LeftoverProcesses.PidsOf(stateDirectory))
        {
            try
            {
                Process.GetProcessById(pid).Kill(entireProcessTree: true);
            }
            catch (ArgumentException)
            {
            }
        }

        Directory.Delete(stateDirectory, recursive: true);
    }

    private static async Task<JsonElement> WaitForResourceAsync(HttpClient browser, string name, Func<JsonElement, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        JsonElement last = default;
        while (DateTime.UtcNow < deadline)
        {
            using var resources = JsonDocument.Parse(await browser.GetStringAsync("/api/resources"));
            last = resources.RootElement.EnumerateArray().Single(r => r.GetProperty("name").GetString() == name).Clone();
            if (condition(last))
            {
                return last;
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"{name} never reached the expected state; last: {last}");
    }

    /// <summary>The test's PATH minus any folder with an airflow executable, so the absence case holds on any machine.</summary>
    private static string PathWithoutAirflow() => string.Join(':',
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Where(d => d.Length > 0 && !File.Exists(Path.Combine(d, "airflow"))));
}
