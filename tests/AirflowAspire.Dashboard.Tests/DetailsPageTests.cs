namespace AirflowAspire.Dashboard.Tests;

public sealed class DetailsPageTests
{
    [SkippableFact]
    public async Task Secret_values_are_masked_and_only_appear_after_reveal()
    {
        await using var session = await DashboardSession.StartAsync();
        await session.RunAsync(async page =>
        {
            await session.LoginAsync();
            await page.GotoAsync(session.Url("/resources/airflow-api-server"));

            var secret = page.Locator("#environment tr[data-variable='AIRFLOW__API_AUTH__JWT_SECRET']");
            var plain = page.Locator("#environment tr[data-variable='AIRFLOW__CORE__EXECUTOR']");
            await Expect(secret.Locator(".env-value")).ToHaveTextAsync("••••••");
            await Expect(plain.Locator(".env-value")).ToHaveTextAsync("CeleryExecutor");
            await Expect(plain.Locator("button")).ToHaveCountAsync(0);
            Assert.DoesNotContain(SampleResources.JwtSecret, await page.ContentAsync());
            Assert.DoesNotContain(SampleResources.JwtSecret, await page.EvaluateAsync<string>("fetch('/api/resources/airflow-api-server').then(r => r.text())"));

            await secret.Locator("button.reveal").ClickAsync();
            await Expect(secret.Locator(".env-value")).ToHaveTextAsync(SampleResources.JwtSecret);
            await Expect(secret.Locator("button.reveal")).ToHaveTextAsync("Hide");

            await secret.Locator("button.reveal").ClickAsync();
            await Expect(secret.Locator(".env-value")).ToHaveTextAsync("••••••");
        });
    }

    [SkippableFact]
    public async Task Details_show_args_volumes_references_waits_health_checks_and_the_state_message()
    {
        await using var session = await DashboardSession.StartAsync();
        await session.RunAsync(async page =>
        {
            await session.LoginAsync();
            await page.GotoAsync(session.Url("/resources/airflow-api-server"));

            await Expect(page.Locator("#state .badge")).ToHaveTextAsync("Running");
            await Expect(page.Locator("#state-message")).ToHaveTextAsync("Health check http /api/v2/monitor/health: connection refused");
            await Expect(page.Locator("#args li")).ToHaveTextAsync(["api-server"]);
            await Expect(page.Locator("#references li")).ToHaveTextAsync(["postgres", "redis"]);
            await Expect(page.Locator("#waits-for li")).ToHaveTextAsync(["postgres", "redis", "airflow-init"]);
            await Expect(page.Locator("#health tbody tr")).ToContainTextAsync(["http"]);
            await Expect(page.Locator("#health tbody tr .badge")).ToHaveTextAsync("Unhealthy");
            await Expect(page.Locator("#health tbody tr")).ToContainTextAsync(["connection refused"]);
            await Expect(page.Locator("#overview")).ToContainTextAsync("docker.io/apache/airflow:3.2.2");

            await page.GotoAsync(session.Url("/resources/postgres"));
            await Expect(page.Locator("#volumes li")).ToHaveTextAsync(["airflowaspire-postgres-data:/var/lib/postgresql/data"]);
            await Expect(page.Locator("#state-message")).ToBeHiddenAsync();
        });
    }

    [SkippableFact]
    public async Task Details_follow_the_resource_live_and_keep_a_revealed_secret_revealed()
    {
        await using var session = await DashboardSession.StartAsync();
        await session.RunAsync(async page =>
        {
            await session.LoginAsync();
            await page.GotoAsync(session.Url("/resources/postgres"));
            var secret = page.Locator("#environment tr[data-variable='POSTGRES_PASSWORD']");
            await secret.Locator("button.reveal").ClickAsync();
            await Expect(secret.Locator(".env-value")).ToHaveTextAsync(SampleResources.PostgresPassword);

            session.Resources.Update("postgres", r => r with { State = Hosting.Orchestration.ResourceState.Exited, StateMessage = "Exited with code 1" });

            await Expect(page.Locator("#state .badge")).ToHaveTextAsync("Exited");
            await Expect(page.Locator("#state-message")).ToHaveTextAsync("Exited with code 1");
            await Expect(secret.Locator(".env-value")).ToHaveTextAsync(SampleResources.PostgresPassword);
        });
    }

    [SkippableFact]
    public async Task A_secret_value_inside_arguments_or_messages_is_masked_there_too()
    {
        var resources = SampleResources.Create();
        resources.Update("airflow-api-server", r => r with
        {
            Args = ["api-server", $"--jwt-secret={SampleResources.JwtSecret}"],
            StateMessage = $"login failed for postgres:{SampleResources.PostgresPassword}",
        });
        await using var session = await DashboardSession.StartAsync(resources);
        await session.RunAsync(async page =>
        {
            await session.LoginAsync();
            await page.GotoAsync(session.Url("/resources/airflow-api-server"));

            await Expect(page.Locator("#args li")).ToHaveTextAsync(["api-server", "--jwt-secret=••••••"]);
            await Expect(page.Locator("#state-message")).ToHaveTextAsync("login failed for postgres:••••••");
            var content = await page.ContentAsync();
            Assert.DoesNotContain(SampleResources.JwtSecret, content);
            Assert.DoesNotContain(SampleResources.PostgresPassword, content);
        });
    }

    [SkippableFact]
    public async Task A_resource_that_does_not_exist_is_not_found()
    {
        await using var session = await DashboardSession.StartAsync();
        await session.RunAsync(async page =>
        {
            await session.LoginAsync();
            var response = await page.GotoAsync(session.Url("/resources/no-such-thing"));
            Assert.Equal(404, response!.Status);
            await Expect(page.Locator("h1")).ToContainTextAsync("no-such-thing");
        });
    }
}
