using AirflowAspire.Hosting.Orchestration;

namespace AirflowAspire.Dashboard.Tests;

public sealed class LogsPageTests
{
    [SkippableFact]
    public async Task The_kept_lines_then_new_ones_appear_live_with_timestamps_and_stderr_apart()
    {
        var logs = new ResourceLogService();
        logs.Write("postgres", "database system is ready to accept connections", isError: false, new DateTimeOffset(2025, 6, 1, 9, 0, 5, 250, TimeSpan.Zero));
        logs.Write("postgres", "FATAL:  role \"root\" does not exist", isError: true, new DateTimeOffset(2025, 6, 1, 9, 0, 6, 0, TimeSpan.Zero));
        await using var session = await DashboardSession.StartAsync(logs: logs);
        await session.RunAsync(async page =>
        {
            await session.LoginAsync();
            await page.GotoAsync(session.Url("/resources/postgres/logs"));

            var lines = page.Locator("#log .line");
            await Expect(lines).ToHaveCountAsync(2);
            await Expect(lines.Nth(0).Locator(".ts")).ToHaveTextAsync("09:00:05.250");
            await Expect(lines.Nth(0)).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("stderr"));
            await Expect(lines.Nth(1)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("stderr"));
            await Expect(page.Locator("#resource-picker")).ToHaveValueAsync("postgres");

            session.Logs.Write("postgres", "checkpoint starting: time", isError: false);
            session.Logs.Write("redis", "a line of another resource", isError: false);

            await Expect(lines).ToHaveCountAsync(3);
            await Expect(lines.Nth(2).Locator(".text")).ToHaveTextAsync("checkpoint starting: time");
            await Expect(page.Locator("#log")).Not.ToContainTextAsync("another resource");
        });
    }

    [SkippableFact]
    public async Task The_filter_hides_lines_without_its_text_including_lines_that_arrive_later()
    {
        var logs = new ResourceLogService();
        logs.Write("redis", "Ready to accept connections tcp", isError: false);
        logs.Write("redis", "Background saving started", isError: false);
        await using var session = await DashboardSession.StartAsync(logs: logs);
        await session.RunAsync(async page =>
        {
            await session.LoginAsync();
            await page.GotoAsync(session.Url("/resources/redis/logs"));
            await Expect(page.Locator("#log .line")).ToHaveCountAsync(2);

            await page.Locator("#filter").FillAsync("SAVING");
            session.Logs.Write("redis", "Background saving terminated with success", isError: false);
            session.Logs.Write("redis", "DB saved on disk", isError: false);

            var visible = page.Locator("#log .line:visible .text");
            await Expect(page.Locator("#log .line")).ToHaveCountAsync(4);
            await Expect(visible).ToHaveTextAsync(["Background saving started", "Background saving terminated with success"]);
            await Expect(page.Locator("#counts")).ToHaveTextAsync("2 of 4 lines");

            await page.Locator("#filter").FillAsync("");
            await Expect(visible).ToHaveCountAsync(4);
        });
    }

    [SkippableFact]
    public async Task The_count_of_dropped_lines_is_shown_and_the_page_keeps_no_more_than_the_buffer()
    {
        var logs = new ResourceLogService(linesPerResource: 5);
        for (var i = 1; i <= 8; i++)
        {
            logs.Write("airflow-init", $"migration step {i}", isError: false);
        }

        await using var session = await DashboardSession.StartAsync(logs: logs);
        await session.RunAsync(async page =>
        {
            await session.LoginAsync();
            await page.GotoAsync(session.Url("/resources/airflow-init/logs"));

            await Expect(page.Locator("#log .line")).ToHaveCountAsync(5);
            await Expect(page.Locator("#dropped")).ToContainTextAsync("3 earlier lines were dropped");
            Assert.Equal(3, session.Logs.GetBuffer("airflow-init").Dropped);

            session.Logs.Write("airflow-init", "migration step 9", isError: false);
            await Expect(page.Locator("#dropped")).ToContainTextAsync("4 earlier lines were dropped");
            await Expect(page.Locator("#log .line")).ToHaveCountAsync(5);
            await Expect(page.Locator("#log .line").First.Locator(".text")).ToHaveTextAsync("migration step 5");
        });
    }

    [SkippableFact]
    public async Task A_log_line_that_looks_like_html_is_shown_as_text()
    {
        var logs = new ResourceLogService();
        await using var session = await DashboardSession.StartAsync(logs: logs);
        await session.RunAsync(async page =>
        {
            await session.LoginAsync();
            await page.GotoAsync(session.Url("/resources/airflow-api-server/logs"));
            await Expect(page.Locator("#connection")).ToHaveTextAsync("Live");

            const string hostile = "<script>window.injected=1</script><img src=x onerror=\"window.injected=1\">";
            session.Logs.Write("airflow-api-server", hostile, isError: true);

            await Expect(page.Locator("#log .line .text")).ToHaveTextAsync(hostile);
            await Expect(page.Locator("#log img, #log script")).ToHaveCountAsync(0);
            Assert.False(await page.EvaluateAsync<bool>("window.injected === 1"));
        });
    }

    [SkippableFact]
    public async Task A_secret_value_in_a_log_line_is_masked()
    {
        var logs = new ResourceLogService();
        logs.Write("airflow-init", $"connecting to postgresql://postgres:{SampleResources.PostgresPassword}@postgres/airflow", isError: false);
        await using var session = await DashboardSession.StartAsync(logs: logs);
        await session.RunAsync(async page =>
        {
            await session.LoginAsync();
            await page.GotoAsync(session.Url("/resources/airflow-init/logs"));
            await Expect(page.Locator("#log .line")).ToHaveCountAsync(1);

            session.Logs.Write("airflow-init", $"jwt {SampleResources.JwtSecret} loaded", isError: true);

            await Expect(page.Locator("#log .line .text")).ToHaveTextAsync(
                ["connecting to postgresql://postgres:••••••@postgres/airflow", "jwt •••••• loaded"]);
            Assert.DoesNotContain(SampleResources.PostgresPassword, await page.ContentAsync());
            Assert.DoesNotContain(SampleResources.PostgresPassword, await page.EvaluateAsync<string>("fetch('/api/resources/airflow-init/logs').then(r => r.text())"));
        });
    }

    [SkippableFact]
    public async Task Logs_of_a_resource_that_does_not_exist_are_not_found()
    {
        await using var session = await DashboardSession.StartAsync();
        await session.RunAsync(async page =>
        {
            await session.LoginAsync();
            Assert.Equal(404, (await page.GotoAsync(session.Url("/resources/nope/logs")))!.Status);
            Assert.Equal(404, (await page.GotoAsync(session.Url("/api/resources/nope/logs")))!.Status);
        });
    }
}
