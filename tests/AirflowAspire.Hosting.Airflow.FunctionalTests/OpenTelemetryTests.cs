using System.Text.Json;
using AirflowAspire.Hosting.Airflow.FunctionalTests.TestSupport;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AirflowAspire.Hosting.Airflow.FunctionalTests;

/// <summary>
/// WithOpenTelemetry() end to end on a real dashboard: from inside the scheduler's container (the STAND-IN image,
/// not Airflow, which cannot run here) one OTLP/HTTP metric and one span are sent with exactly the
/// <c>AIRFLOW__METRICS__OTEL_*</c> / <c>AIRFLOW__TRACES__OTEL_*</c> settings and OTLP headers the component was given,
/// through Aspire's container network tunnel; the dashboard then shows both under the component's name.
/// </summary>
[Collection(ContainerTests.Name)]
public sealed class OpenTelemetryTests(ITestOutputHelper output)
{
    private const string Scheduler = "airflow-scheduler";
    private static readonly TimeSpan TelemetryTimeout = TimeSpan.FromMinutes(1);

    [SkippableFact]
    public async Task A_component_s_otlp_settings_bring_its_metric_and_span_into_the_dashboard_under_its_name()
    {
        Chromium.SkipOrFailIfMissing();
        DockerEngine.SkipOrFailIfImageMissing(AirflowStandIn.Reference);
        DockerEngine.SkipOrFailIfImageMissing(TestModel.TunnelBaseImage);
        using var tunnelImageBuilds = TunnelImageBuilds.Enable();
        using var dashboard = new TestDashboard();

        var builder = TestModel.CreateWithDashboard(output, dashboard);
        var database = builder.AddPostgres("postgres").WithTestImage().AddDatabase("airflow-db", databaseName: "airflow");
        builder.AddAirflow("airflow")
            .WithImage(AirflowStandIn.Image, AirflowStandIn.Tag)
            .WithDatabase(database)
            .WithOpenTelemetry();

        var run = await RunningApp.StartAsync(builder, output);
        try
        {
            var scheduler = await run.WaitForStateAsync(Scheduler, e => e.Snapshot.HealthStatus == HealthStatus.Healthy
                || e.Snapshot.State?.Text == KnownResourceStates.FailedToStart);
            Assert.True(scheduler.Snapshot.HealthStatus == HealthStatus.Healthy, $"{Scheduler} is {scheduler.Snapshot.State?.Text}: {string.Join(" | ", run.Logs.Of(Scheduler).TakeLast(5))}");
            var settings = scheduler.Snapshot.EnvironmentVariables.Where(v => v.Name.Contains("OTEL", StringComparison.Ordinal)).ToList();
            foreach (var setting in settings.Where(v => v.Name.StartsWith("AIRFLOW__", StringComparison.Ordinal)))
            {
                output.WriteLine($"{setting.Name}={setting.Value}");
            }

            Assert.Contains(settings, v => v is { Name: "AIRFLOW__METRICS__OTEL_SERVICE", Value: Scheduler });
            Assert.Contains(settings, v => v is { Name: "AIRFLOW__TRACES__OTEL_SERVICE", Value: Scheduler });
            Assert.Contains(settings, v => v.Name == "OTEL_EXPORTER_OTLP_HEADERS" && v.Value?.StartsWith("x-otlp-api-key=", StringComparison.Ordinal) == true);

            var dashboardResource = run.Latest.First(r => r.Key.StartsWith("aspire-dashboard", StringComparison.Ordinal)).Value;
            dashboard.UseAddressOf(dashboardResource);
            output.WriteLine($"Dashboard at {dashboard.Url}; its endpoints: {string.Join(", ", dashboardResource.Urls.Select(u => $"{u.Name}={new Uri(u.Url).GetLeftPart(UriPartial.Authority)}"))}");

            var containerId = Assert.IsType<string>(scheduler.Snapshot.Properties.Single(p => p.Name == "container.id").Value);
            output.WriteLine(await OtlpProbe.SendFromAsync(containerId));

            var spans = await PollAsync(() => dashboard.SpansAsync(Scheduler), s => s?.Contains(OtlpProbe.SpanName, StringComparison.Ordinal) == true);
            output.WriteLine($"/api/telemetry/spans?resource={Scheduler}: {spans}");
            Assert.Contains($"\"{OtlpProbe.SpanName}\"", spans, StringComparison.Ordinal);

            var resources = await PollAsync(dashboard.ResourcesAsync, r => HasMetrics(r, Scheduler));
            output.WriteLine($"/api/telemetry/resources: {resources}");
            Assert.True(HasMetrics(resources, Scheduler), $"The dashboard has no metrics from {Scheduler}: {resources}");

            await AssertMetricShownAsync(dashboard);
        }
        finally
        {
            run.WriteTimeline();
            await run.StopAndAssertCleanedUpAsync();
        }
    }

    /// <summary>The dashboard's own metrics page for the component lists the instrument (the telemetry API has no metrics).</summary>
    private async Task AssertMetricShownAsync(TestDashboard dashboard)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        page.SetDefaultTimeout((float)TelemetryTimeout.TotalMilliseconds);
        await page.GotoAsync(dashboard.LoginUrl!.ToString());
        await page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/login", StringComparison.Ordinal));
        await page.GotoAsync(new Uri(dashboard.Url, $"/metrics/resource/{Scheduler}").ToString());
        await Assertions.Expect(page.GetByText(OtlpProbe.MetricName).First).ToBeVisibleAsync();
        output.WriteLine($"The dashboard's metrics page for {Scheduler} lists {OtlpProbe.MetricName}.");
    }

    private static bool HasMetrics(JsonElement? resources, string name) =>
        resources is { ValueKind: JsonValueKind.Array } list && list.EnumerateArray().Any(r =>
            r.TryGetProperty("name", out var n) && n.GetString() == name
            && r.TryGetProperty("hasMetrics", out var m) && m.ValueKind == JsonValueKind.True);

    /// <summary>Asks until the answer is as expected (the dashboard ingests asynchronously), bounded; returns the last answer.</summary>
    private static async Task<T> PollAsync<T>(Func<Task<T>> ask, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + TelemetryTimeout;
        while (true)
        {
            var answer = await ask();
            if (done(answer) || DateTime.UtcNow > deadline)
            {
                return answer;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }
}
