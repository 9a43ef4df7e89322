namespace AirflowAspire.Dashboard.Tests;

public sealed class ActionsTests
{
    [SkippableFact]
    public async Task Stop_start_and_restart_buttons_call_the_orchestrators_commands()
    {
        await using var session = await DashboardSession.StartAsync();
        await session.RunAsync(async page =>
        {
            await session.LoginAsync();
            var postgres = page.Locator("#resources tbody tr[data-resource='postgres']");
            await Expect(postgres.Locator(".badge.state")).ToHaveTextAsync("Running");
            await Expect(postgres.Locator("button[data-command='start']")).ToBeDisabledAsync();

            await postgres.Locator("button[data-command='stop']").ClickAsync();
            await Expect(postgres.Locator(".badge.state")).ToHaveTextAsync("Stopped");

            await postgres.Locator("button[data-command='start']").ClickAsync();
            await Expect(postgres.Locator(".badge.state")).ToHaveTextAsync("Running");

            await postgres.Locator("button[data-command='restart']").ClickAsync();
            await Expect(postgres.Locator("td.restarts")).ToHaveTextAsync("1");

            Assert.Equal(["stop postgres", "start postgres", "restart postgres"], session.RecordedCommands.Calls);
        });
    }
}
