using AirflowAspire.Hosting.Orchestration;

namespace AirflowAspire.Dashboard.Tests;

public sealed class ResourcesPageTests
{
    [SkippableFact]
    public async Task The_resources_page_lists_every_resource_with_state_health_source_and_endpoints()
    {
        await using var session = await DashboardSession.StartAsync();
        await session.RunAsync(async page =>
        {
            await session.LoginAsync();

            var rows = page.Locator("#resources tbody tr");
            await Expect(rows).ToHaveCountAsync(6);
            await Expect(rows.Locator("td.name > a")).ToHaveTextAsync(
                ["postgres-password", "postgres", "redis", "airflow-init", "airflow-api-server", "airflow-worker"]);

            var postgres = Row(page, "postgres");
            await Expect(postgres.Locator(".badge.state")).ToHaveTextAsync("Running");
            await Expect(postgres.Locator(".badge.state")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("state-running"));
            await Expect(postgres.Locator(".badge.health")).ToHaveTextAsync("Healthy");
            await Expect(postgres).ToContainTextAsync("docker.io/library/postgres:17.6");
            await Expect(postgres).ToContainTextAsync("09:00:01");
            await Expect(postgres.Locator("td.restarts")).ToHaveTextAsync("0");

            // A web endpoint is a link; a tcp one is only text.
            await Expect(Row(page, "airflow-api-server").Locator(".endpoints a")).ToHaveAttributeAsync("href", "http://127.0.0.1:8080");
            await Expect(postgres.Locator(".endpoints a")).ToHaveCountAsync(0);
            await Expect(postgres.Locator(".endpoints")).ToHaveTextAsync("tcp://127.0.0.1:5432");

            await Expect(Row(page, "airflow-api-server").Locator(".badge.health")).ToHaveTextAsync("Unhealthy");
            await Expect(Row(page, "airflow-worker").Locator(".badge.state")).ToHaveTextAsync("Waiting");
            await Expect(Row(page, "airflow-worker")).ToContainTextAsync("2 replicas");
            await Expect(Row(page, "postgres-password").Locator(".actions button")).ToHaveCountAsync(0);

            await Expect(page.Locator("#connection")).ToHaveTextAsync("Live");
            await ReadmeScreenshot.SaveAsync(page);
        });
    }

    [SkippableFact]
    public async Task A_state_change_published_after_the_page_loaded_appears_without_a_reload()
    {
        await using var session = await DashboardSession.StartAsync();
        await session.RunAsync(async page =>
        {
            await session.LoginAsync();
            await Expect(Row(page, "redis").Locator(".badge.state")).ToHaveTextAsync("Running");
            await Expect(page.Locator("#connection")).ToHaveTextAsync("Live");
            await page.EvaluateAsync("window.loadedOnce = true");

            session.Resources.Update("redis", r => r with
            {
                State = ResourceState.Exited,
                ExitCode = 137,
                RestartCount = 3,
                StateMessage = "Exited with code 137; restarting in 4 s",
            });

            var redis = Row(page, "redis");
            await Expect(redis.Locator(".badge.state")).ToHaveTextAsync("Exited");
            await Expect(redis.Locator(".badge.state")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("state-exited"));
            await Expect(redis.Locator("td.restarts")).ToHaveTextAsync("3");
            await Expect(redis).ToContainTextAsync("restarting in 4 s");
            Assert.True(await page.EvaluateAsync<bool>("window.loadedOnce === true"), "the page was reloaded");
        });
    }

    [SkippableFact]
    public async Task Resource_text_is_shown_as_text_never_as_html()
    {
        var resources = SampleResources.Create();
        resources.Update("redis", r => r with { StateMessage = "<img src=x onerror=\"window.injected=1\"><b>bold</b>" });
        await using var session = await DashboardSession.StartAsync(resources);
        await session.RunAsync(async page =>
        {
            await session.LoginAsync();

            await Expect(Row(page, "redis")).ToContainTextAsync("<b>bold</b>");
            await Expect(page.Locator("#resources img, #resources b")).ToHaveCountAsync(0);
            Assert.False(await page.EvaluateAsync<bool>("window.injected === 1"));
        });
    }

    private static ILocator Row(IPage page, string resource) => page.Locator($"#resources tbody tr[data-resource='{resource}']");
}
