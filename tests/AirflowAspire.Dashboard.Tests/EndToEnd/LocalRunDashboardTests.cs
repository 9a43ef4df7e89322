using System.Diagnostics;
using System.Security.Cryptography;
using AirflowAspire.Hosting;
using AirflowAspire.Hosting.Dashboard;
using AirflowAspire.Hosting.Orchestration;
using AirflowAspire.Hosting.Orchestration.Containers;

namespace AirflowAspire.Dashboard.Tests.EndToEnd;

/// <summary>
/// The dashboard over a real local run: the orchestrator runs a real container on Docker, the page shows
/// its live state and a line it wrote, and the page's Stop and Start buttons stop and start the container.
/// </summary>
public sealed class LocalRunDashboardTests
{
    private const string TestImage = "airflowaspire-test/debian:bookworm";

    [SkippableFact]
    public async Task A_container_started_by_the_orchestrator_shows_its_state_its_log_line_and_obeys_stop_and_start()
    {
        Chromium.SkipOrFailIfMissing();
        RequiredTool.SkipOrFailIfMissing(!await ImageExistsAsync(), $"Docker with the test image {TestImage} is not available (tests/images/build.sh builds it)");

        var appName = $"aae-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        var appHost = Directory.CreateTempSubdirectory("aae-apphost-");
        var marker = $"hello from the ticker {Guid.NewGuid():N}";
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { ApplicationName = appName, AppHostDirectory = appHost.FullName });
        builder.AddContainer("ticker", TestImage)
            .WithEntrypoint("/bin/sh")
            .WithArgs("-c", $"while true; do echo '{marker}'; sleep 1; done");
        var model = builder.Build().Model;

        var notifications = new ResourceNotificationService();
        var logs = new ResourceLogService();
        var orchestrator = new Hosting.Orchestration.Orchestrator(
            model, new ContainerCliRuntime("docker"), p => "unused", notifications, logs, new TerminalReporter(TextWriter.Null, TimeProvider.System));
        try
        {
            await orchestrator.StartAsync(CancellationToken.None);
            await using var session = await DashboardSession.StartAsync(notifications, logs, commands: orchestrator);
            await session.RunAsync(async page =>
            {
                await page.GotoAsync(session.Url("/"));
                await Expect(page.Locator("body")).ToContainTextAsync("login");
                await session.LoginAsync();

                var row = page.Locator("#resources tbody tr[data-resource='ticker']");
                await Expect(row.Locator(".badge.state")).ToHaveTextAsync("Running");

                await page.GotoAsync(session.Url("/resources/ticker/logs"));
                await Expect(page.Locator("#log .line .text").First).ToHaveTextAsync(marker);
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryPaths.Root, "TestResults", "dashboard-local-run-logs.png") });

                await page.GotoAsync(session.Url("/"));
                await row.Locator("button[data-command='stop']").ClickAsync();
                await Expect(row.Locator(".badge.state")).ToHaveTextAsync("Stopped");
                Assert.Empty(await ContainersOfAsync(appName));

                await row.Locator("button[data-command='start']").ClickAsync();
                await Expect(row.Locator(".badge.state")).ToHaveTextAsync("Running");
                Assert.Single(await ContainersOfAsync(appName));
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryPaths.Root, "TestResults", "dashboard-local-run.png") });
            });
        }
        finally
        {
            await orchestrator.DisposeAsync();
            appHost.Delete(recursive: true);
        }

        Assert.Empty(await ContainersOfAsync(appName));
    }

    private static async Task<bool> ImageExistsAsync()
    {
        try
        {
            return (await DockerAsync("image", "inspect", TestImage)).ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static async Task<string[]> ContainersOfAsync(string appName) =>
        (await DockerAsync("ps", "-aq", "--filter", $"label=airflowaspire.app={appName}")).Output
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static async Task<(int ExitCode, string Output)> DockerAsync(params string[] args)
    {
        var start = new ProcessStartInfo("docker") { RedirectStandardOutput = true, RedirectStandardError = true };
        args.ToList().ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }
}
