using AirflowAspire.Hosting.Airflow.FunctionalTests.TestSupport;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AirflowAspire.Hosting.Airflow.FunctionalTests;

/// <summary>
/// Aspire's dashboard in a real Chromium: the default AppHost run as a user runs it (the official images cannot be
/// pulled here, so Postgres and Redis fail to start; the dashboard still shows the model), and the AppHost's model on
/// the local images, healthy, for the README's picture.
/// </summary>
[Collection(ContainerTests.Name)]
public sealed class DashboardTests(ITestOutputHelper output)
{
    private static readonly TimeSpan PageTimeout = TimeSpan.FromSeconds(90);

    /// <summary>What each component's state says it waits for, in the order the model gives its waits.</summary>
    private static readonly (string Name, string WaitsFor)[] WaitsShown =
    [
        ("airflow-migration-check", "airflow-db, redis"),
        ("airflow-api-server", "airflow-db, redis, airflow-init"),
        ("airflow-scheduler", "airflow-db, redis, airflow-init"),
        ("airflow-dag-processor", "airflow-db, redis, airflow-init"),
        ("airflow-triggerer", "airflow-db, redis, airflow-init"),
        ("airflow-flower", "airflow-db, redis, airflow-init"),
        ("airflow-worker", "airflow-db, redis, airflow-init, airflow-api-server"),
    ];

    private static readonly string[] TopLevel = ["airflow", "postgres", "redis"];

    private static readonly string[] Components =
        ["airflow-init", "airflow-migration-check", "airflow-api-server", "airflow-scheduler", "airflow-dag-processor", "airflow-triggerer", "airflow-worker", "airflow-flower", "airflow-dags"];

    /// <summary>The components that run once: done when they exited, never healthy.</summary>
    private static readonly string[] RunOnce = ["airflow-init", "airflow-migration-check"];

    [SkippableFact]
    [Trait(EngineTraits.Category, EngineTraits.OfficialNamesAbsent)]
    public async Task The_dashboard_shows_airflow_with_its_components_nested_under_it_beside_postgres_and_redis()
    {
        Chromium.SkipOrFailIfMissing();
        DockerEngine.SkipOrFailIfMissing();
        OfficialServerImages.SkipIfAnyPresent();
        var volumesBefore = await DockerEngine.LinesAsync("volume", "ls", "-q");

        var appHost = RunningAppHost.Start();
        try
        {
            var loginUrl = await appHost.LoginUrlAsync(TimeSpan.FromMinutes(3));
            output.WriteLine($"AppHost {appHost.Id}: {loginUrl}");

            // Port 0 in place of the launch profile's fixed ports: the dashboard got one of its own.
            Assert.NotEqual(18888, new Uri(loginUrl).Port);
            appHost.RecordOrchestrator();

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await Chromium.LaunchAsync(playwright);
            var page = await Chromium.NewPageAsync(browser, PageTimeout);
            try
            {
                await page.GotoAsync(loginUrl);
                await page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/login", StringComparison.Ordinal));
                foreach (var name in TopLevel.Concat(Components).Append("airflow-db"))
                {
                    await Assertions.Expect(Row(page, name)).ToBeVisibleAsync();
                }

                // Nesting as the grid draws it: the components are indented under 'airflow', which has the toggle;
                // the database under its server; 'airflow', 'postgres' and 'redis' are top level.
                foreach (var name in TopLevel)
                {
                    Assert.Equal(0, await IndentAsync(page, name));
                }

                foreach (var name in Components)
                {
                    Assert.True(await IndentAsync(page, name) > 0, $"'{name}' is not indented under 'airflow'.");
                }

                Assert.True(await IndentAsync(page, "airflow-db") > 0, "'airflow-db' is not indented under 'postgres'.");

                // Collapsing 'airflow' hides exactly its components; expanding shows them again.
                var toggle = Row(page, "airflow").Locator(".main-grid-expand-button[aria-label='Toggle nesting']");
                await toggle.ClickAsync();
                foreach (var name in Components)
                {
                    await Assertions.Expect(Row(page, name)).ToHaveCountAsync(0);
                }

                await Assertions.Expect(Row(page, "airflow-db")).ToBeVisibleAsync();
                await Assertions.Expect(Row(page, "redis")).ToBeVisibleAsync();
                await toggle.ClickAsync();
                foreach (var name in Components)
                {
                    await Assertions.Expect(Row(page, name)).ToBeVisibleAsync();
                }

                // What a user sees here, where no image can be pulled: Postgres and Redis end "failed to start"
                // (DCP gives up on the pull after a few tries); the Airflow components do not fail with them but
                // keep waiting, and say for what: Aspire's default in a run is to wait on an unavailable
                // dependency, which the user may fix and start again from the dashboard.
                foreach (var name in new[] { "postgres", "airflow-db", "redis" })
                {
                    await Assertions.Expect(StateCell(page, name)).ToHaveAttributeAsync("title", new Regex("failed to start", RegexOptions.IgnoreCase), new() { Timeout = 180_000 });
                }

                for (var look = 0; look < 2; look++)
                {
                    foreach (var (name, waitsFor) in WaitsShown)
                    {
                        await Assertions.Expect(StateCell(page, name)).ToHaveAttributeAsync("title", $"Waiting for dependencies: {waitsFor}");
                    }

                    await Task.Delay(TimeSpan.FromSeconds(10 * (1 - look)));
                }

                // The init starts only once the migration check, which waits like the other components, has answered.
                await Assertions.Expect(StateCell(page, "airflow-init")).ToHaveAttributeAsync("title", "Resource is not configured to start automatically.");

                // The parent sums up its components: all of them wait, so it does too.
                await Assertions.Expect(StateCell(page, "airflow")).ToContainTextAsync("Waiting");

                // The DAG folder (the repository's dags/, which DagPackager finds clean) beside the components.
                await Assertions.Expect(StateCell(page, "airflow-dags")).ToHaveAttributeAsync("title", "Running");
                await page.Mouse.MoveAsync(0, 0);

                // The scheduler's menu with the Airflow commands, disabled while its container waits to start.
                await Row(page, "airflow-scheduler").Locator("td").Last.Locator("fluent-button, button").Last.ClickAsync();
                await page.GetByRole(AriaRole.Menuitem, new() { Name = "Commands" }).ClickAsync();
                foreach (var command in new[] { "List DAGs", "Unpause DAG", "Trigger DAG run", "Check database", "Test connection", "Reset metadata database" })
                {
                    var item = page.GetByRole(AriaRole.Menuitem, new() { Name = command, Exact = true });
                    await Assertions.Expect(item).ToBeVisibleAsync();
                    await Assertions.Expect(item).ToHaveAttributeAsync("disabled", "");
                    await Assertions.Expect(item).ToHaveAttributeAsync("title", new Regex("available while it runs"));
                }
            }
            catch
            {
                await DumpAsync(page, "dashboard-failed");
                throw;
            }

        }
        catch
        {
            foreach (var line in appHost.Output.TakeLast(60))
            {
                output.WriteLine(line);
            }

            await StopAndCleanUpAsync(appHost, volumesBefore);
            throw;
        }

        var problem = await StopAndCleanUpAsync(appHost, volumesBefore);
        Assert.True(problem is null, problem);
    }

    /// <summary>
    /// The README's picture (docs/dashboard.png): the AppHost's model (AppHost/Program.cs, less its data volume and fixed
    /// UI port, so that it leaves nothing behind and collides with no other run) on the locally built images, since no
    /// image can be pulled here: Aspire's Postgres and Redis on the test images, the Airflow components on the STAND-IN
    /// image (tests/images/airflow-standin; not Airflow). Drawn once every resource is healthy and 'airflow' says Running.
    /// </summary>
    [SkippableFact]
    public async Task The_readme_picture_shows_the_apphost_s_model_healthy_on_local_images_with_airflow_running()
    {
        Chromium.SkipOrFailIfMissing();
        DockerEngine.SkipOrFailIfImageMissing(AirflowStandIn.Reference);
        using var dashboard = new TestDashboard();
        var builder = TestModel.CreateWithDashboard(output, dashboard, dashboardTitle: "AirflowAspire");
        var metadataDb = builder.AddPostgres("postgres").WithTestImage().AddDatabase("airflow-db", databaseName: "airflow");
        var broker = builder.AddRedis("redis").WithTestImage();
        builder.AddAirflow("airflow")
            .WithImage(AirflowStandIn.Image, AirflowStandIn.Tag)
            .WithDatabase(metadataDb)
            .WithCeleryExecutor(broker)
            .WithWorkers(2)
            .WithFlower()
            .WithTriggerer()
            .WithDags(Path.Combine(RepositoryFolders.Root, "dags"));

        var run = await RunningApp.StartAsync(builder, output);
        await using (run)
        {
            try
            {
                await run.WaitForStateAsync("airflow", e => e.Snapshot.State?.Text == KnownResourceStates.Running, TimeSpan.FromMinutes(5));
                foreach (var name in TopLevel.Skip(1).Concat(Components).Append("airflow-worker-2").Append("airflow-db").Where(n => !RunOnce.Contains(n)))
                {
                    await run.WaitHealthyAsync(name);
                }
            }
            finally
            {
                run.WriteTimeline();
            }

            dashboard.UseAddressOf(run.Latest.First(r => r.Key.StartsWith("aspire-dashboard", StringComparison.Ordinal)).Value);
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await Chromium.LaunchAsync(playwright);
            var page = await Chromium.NewPageAsync(browser, PageTimeout);
            try
            {
                await page.GotoAsync(dashboard.LoginUrl!.ToString());
                await page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/login", StringComparison.Ordinal));
                foreach (var name in TopLevel.Concat(Components).Append("airflow-worker-2").Append("airflow-db").Where(n => !RunOnce.Contains(n)))
                {
                    await Assertions.Expect(StateCell(page, name)).ToHaveAttributeAsync("title", "Running");
                }

                foreach (var name in RunOnce)
                {
                    await Assertions.Expect(StateCell(page, name)).ToContainTextAsync("Exited");
                }
                await page.Mouse.MoveAsync(0, 0);
                await ReadmeScreenshot.SaveAsync(page);
                output.WriteLine($"Screenshot: {RepositoryFolders.DashboardScreenshot}");
            }
            catch
            {
                await DumpAsync(page, "dashboard-picture-failed");
                throw;
            }

            await run.StopAndAssertCleanedUpAsync();
        }
    }

    /// <summary>
    /// SIGTERM, then a bounded wait (60 s) until no container or network labelled by this AppHost's orchestrator is
    /// left; the AppHost's data volume is removed when this run made it. Returns what went wrong, if anything.
    /// </summary>
    private async Task<string?> StopAndCleanUpAsync(RunningAppHost appHost, IReadOnlyList<string> volumesBefore)
    {
        appHost.RecordOrchestrator();
        var stopped = DateTime.UtcNow;
        var exitedOnSigterm = await appHost.StopAsync(TimeSpan.FromSeconds(60));
        await appHost.DisposeAsync();
        output.WriteLine($"AppHost {(exitedOnSigterm ? "exited" : "was killed")} {(DateTime.UtcNow - stopped).TotalSeconds:0.0} s after SIGTERM; orchestrator processes {string.Join(", ", appHost.OrchestratorProcessIds)}.");

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        IReadOnlyList<string> left;
        while ((left = await appHost.LeftoversAsync()).Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        output.WriteLine($"Clean-up checked {(DateTime.UtcNow - stopped).TotalSeconds:0.0} s after SIGTERM; left: {(left.Count == 0 ? "nothing" : string.Join(", ", left))}");

        // The AppHost's Postgres has a named data volume (made only when its container is): remove it when this
        // run made it and nothing uses it. (Here the image cannot be pulled, so there is none.)
        foreach (var volume in (await DockerEngine.LinesAsync("volume", "ls", "-q")).Except(volumesBefore)
            .Where(v => v.StartsWith("airflowaspire.apphost-", StringComparison.Ordinal)))
        {
            if ((await DockerEngine.LinesAsync("ps", "-aq", "--filter", $"volume={volume}")).Count == 0)
            {
                output.WriteLine($"Removing the volume this run made: {volume}");
                await DockerEngine.RemoveVolumeAsync(volume, TestModel.CleanupTimeout);
            }
        }

        return !exitedOnSigterm ? "The AppHost did not exit within 60 s of SIGTERM."
            : left.Count > 0 ? $"Left 60 s after the AppHost exited: {string.Join(", ", left)}"
            : null;
    }

    private static ILocator Row(IPage page, string name) =>
        page.Locator("tr.resource-row", new() { Has = page.Locator(".resource-name-text", new() { HasTextRegex = new Regex($"^\\s*{Regex.Escape(name)}\\s*$") }) });

    private static ILocator StateCell(IPage page, string name) => Row(page, name).Locator("td").Nth(1);

    /// <summary>How far the grid indents a resource's name, in pixels.</summary>
    private static async Task<double> IndentAsync(IPage page, string name) =>
        await Row(page, name).Locator(".resources-name-container").EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).marginLeft)");

    private async Task DumpAsync(IPage page, string name)
    {
        Directory.CreateDirectory(RepositoryFolders.Failures);
        var path = Path.Combine(RepositoryFolders.Failures, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path + ".png", FullPage = true });
        await File.WriteAllTextAsync(path + ".html", await page.ContentAsync());
        output.WriteLine($"Page saved to {path}.png/.html ({page.Url})");
    }
}
