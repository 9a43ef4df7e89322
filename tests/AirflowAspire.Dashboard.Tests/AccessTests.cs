using System.Text.Json;

namespace AirflowAspire.Dashboard.Tests;

public sealed class AccessTests
{
    private static readonly string[] Pages = ["/", "/timeline", "/resources/postgres", "/resources/postgres/logs", "/assets/dashboard.css"];

    private static readonly string[] GetApis =
    [
        "/api/resources", "/api/stream/resources", "/api/resources/postgres", "/api/resources/postgres/logs",
        "/api/resources/postgres/logs/stream", "/api/timeline",
    ];

    private static readonly string[] PostApis =
    [
        "/api/resources/postgres/commands/stop", "/api/resources/postgres/environment/POSTGRES_PASSWORD/reveal",
    ];

    [SkippableFact]
    public async Task Without_the_login_every_page_and_api_answers_401()
    {
        await using var session = await DashboardSession.StartAsync();
        await session.RunAsync(async page =>
        {
            foreach (var path in Pages)
            {
                var response = await page.GotoAsync(session.Url(path));
                Assert.True(401 == response!.Status, $"{path} answered {response.Status}");
                if (!path.StartsWith("/assets/", StringComparison.Ordinal))
                {
                    await Expect(page.Locator("#message")).ToContainTextAsync("login URL");
                }
            }

            foreach (var path in GetApis)
            {
                var response = await page.GotoAsync(session.Url(path));
                Assert.True(401 == response!.Status, $"{path} answered {response.Status}");
                Assert.Contains("login", JsonDocument.Parse(await response.TextAsync()).RootElement.GetProperty("error").GetString());
            }

            foreach (var path in PostApis)
            {
                Assert.Equal(401, await PostFromPageAsync(page, path, withDashboardHeader: true));
            }

            Assert.Empty(session.RecordedCommands.Calls);
            Assert.DoesNotContain(SampleResources.PostgresPassword, await page.ContentAsync());
        });
    }

    [SkippableFact]
    public async Task Health_probes_answer_without_the_login()
    {
        await using var session = await DashboardSession.StartAsync();
        await session.RunAsync(async page =>
        {
            Assert.Equal(200, (await page.GotoAsync(session.Url("/health")))!.Status);
            Assert.Equal(200, (await page.GotoAsync(session.Url("/alive")))!.Status);
        });
    }

    [SkippableFact]
    public async Task A_wrong_token_lets_nobody_in()
    {
        await using var session = await DashboardSession.StartAsync();
        await session.RunAsync(async page =>
        {
            var response = await page.GotoAsync(session.Url("/login?t=not-the-token"));
            Assert.Equal(401, response!.Status);
            await Expect(page.Locator("#message")).ToContainTextAsync("not this run's");
            Assert.Empty(await session.Context.CookiesAsync());
            Assert.Equal(401, (await page.GotoAsync(session.Url("/")))!.Status);
        });
    }

    [SkippableFact]
    public async Task The_login_url_sets_an_http_only_same_site_cookie_and_leaves_the_token_out_of_the_address()
    {
        await using var session = await DashboardSession.StartAsync();
        await session.RunAsync(async page =>
        {
            await session.LoginAsync();

            Assert.Equal(session.Host.BaseAddress.ToString(), page.Url);
            var cookie = Assert.Single(await session.Context.CookiesAsync());
            Assert.True(cookie.HttpOnly);
            Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
            Assert.DoesNotContain(cookie.Value, session.Host.LoginUrl);
            Assert.Equal("", await page.EvaluateAsync<string>("document.cookie"));
            await Expect(page.Locator("#resources tbody tr")).ToHaveCountAsync(6);
        });
    }

    [SkippableFact]
    public async Task Commands_and_reveals_without_the_dashboard_header_are_refused()
    {
        await using var session = await DashboardSession.StartAsync();
        await session.RunAsync(async page =>
        {
            await session.LoginAsync();

            foreach (var path in PostApis)
            {
                Assert.Equal(403, await PostFromPageAsync(page, path, withDashboardHeader: false));
            }

            Assert.Empty(session.RecordedCommands.Calls);
        });
    }

    [SkippableFact]
    public async Task The_token_can_be_turned_off_for_trusted_setups()
    {
        await using var session = await DashboardSession.StartAsync(requireToken: false);
        await session.RunAsync(async page =>
        {
            Assert.Equal(session.Host.BaseAddress.ToString(), session.Host.LoginUrl);
            Assert.DoesNotContain("t=", session.Host.LoginUrl);

            var response = await page.GotoAsync(session.Host.LoginUrl);
            Assert.Equal(200, response!.Status);
            await Expect(page.Locator("#resources tbody tr")).ToHaveCountAsync(6);
            Assert.Equal(200, (await page.GotoAsync(session.Url("/api/resources")))!.Status);
            await page.GotoAsync(session.Url("/login"));
            Assert.Equal(session.Host.BaseAddress.ToString(), page.Url);
        });
    }

    private static Task<int> PostFromPageAsync(IPage page, string path, bool withDashboardHeader) =>
        page.EvaluateAsync<int>(
            "async ([path, withHeader]) => (await fetch(path, { method: 'POST', headers: withHeader ? { 'X-AirflowAspire-Dashboard': '1' } : {} })).status",
            new object[] { path, withDashboardHeader });
}
