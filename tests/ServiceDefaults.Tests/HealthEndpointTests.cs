using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AirflowAspire.ServiceDefaults.Tests;

public class HealthEndpointTests
{
    [Theory]
    [InlineData(HealthEndpoints.Health)]
    [InlineData(HealthEndpoints.Alive)]
    public async Task A_service_with_only_the_defaults_is_healthy(string path)
    {
        await using var app = await RunningWebApp.StartAsync();

        using var response = await app.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_failing_dependency_check_fails_health_but_not_alive()
    {
        await using var app = await RunningWebApp.StartAsync(builder => builder.Services.AddHealthChecks()
            .AddCheck("database", () => HealthCheckResult.Unhealthy("connection refused")));

        using var health = await app.Client.GetAsync(HealthEndpoints.Health);
        using var alive = await app.Client.GetAsync(HealthEndpoints.Alive);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("Unhealthy", await health.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal("Healthy", await alive.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_failing_live_check_fails_alive()
    {
        await using var app = await RunningWebApp.StartAsync(builder => builder.Services.AddHealthChecks()
            .AddCheck("deadlock", () => HealthCheckResult.Unhealthy(), [HealthCheckTags.Live]));

        using var alive = await app.Client.GetAsync(HealthEndpoints.Alive);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, alive.StatusCode);
    }
}
