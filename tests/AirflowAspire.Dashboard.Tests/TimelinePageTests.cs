namespace AirflowAspire.Dashboard.Tests;

public sealed class TimelinePageTests
{
    [SkippableFact]
    public async Task The_timeline_draws_one_bar_per_phase_coloured_by_phase()
    {
        var resources = SampleResources.Create(start: DateTimeOffset.UtcNow.AddSeconds(-30));
        await using var session = await DashboardSession.StartAsync(resources);
        await session.RunAsync(async page =>
        {
            await session.LoginAsync();
            await page.GotoAsync(session.Url("/timeline"));

            foreach (var resource in resources.GetAll().Where(r => r.Timeline.Count > 0))
            {
                var bars = page.Locator($"#timeline g[data-resource='{resource.Name}'] rect.phase");
                await Expect(bars).ToHaveCountAsync(resource.Timeline.Count);
                for (var i = 0; i < resource.Timeline.Count; i++)
                {
                    await Expect(bars.Nth(i)).ToHaveAttributeAsync("data-phase", resource.Timeline[i].Phase);
                }
            }

            await Expect(page.Locator("#timeline g[data-resource='postgres-password']")).ToHaveCountAsync(0);
            var fills = await page.EvaluateAsync<string[]>(
                "['Waiting', 'Starting', 'Healthy'].map(p => getComputedStyle(document.querySelector(`rect[data-phase='${p}']`)).fill)");
            Assert.Equal(3, fills.Distinct().Count());
        });
    }

    [SkippableFact]
    public async Task A_new_phase_appears_on_the_timeline_without_a_reload()
    {
        var resources = SampleResources.Create(start: DateTimeOffset.UtcNow.AddSeconds(-30));
        await using var session = await DashboardSession.StartAsync(resources);
        await session.RunAsync(async page =>
        {
            await session.LoginAsync();
            await page.GotoAsync(session.Url("/timeline"));
            var worker = page.Locator("#timeline g[data-resource='airflow-worker'] rect.phase");
            await Expect(worker).ToHaveCountAsync(1);

            var now = DateTimeOffset.UtcNow;
            session.Resources.Update("airflow-worker", r => r with
            {
                Timeline = [r.Timeline[0] with { End = now }, new Hosting.Orchestration.PhaseSpan("Starting", now, null)],
            });

            await Expect(worker).ToHaveCountAsync(2);
            await Expect(worker.Nth(1)).ToHaveAttributeAsync("data-phase", "Starting");
        });
    }
}
