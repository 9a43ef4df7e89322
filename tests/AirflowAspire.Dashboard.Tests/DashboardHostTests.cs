using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using AirflowAspire.Hosting;
using AirflowAspire.Hosting.Dashboard;
using AirflowAspire.Hosting.Orchestration;
using Microsoft.AspNetCore.WebUtilities;

namespace AirflowAspire.Dashboard.Tests;

/// <summary>The server itself, through HTTP, without a browser.</summary>
public sealed class DashboardHostTests
{
    [Fact]
    public async Task It_listens_on_127_0_0_1_and_generates_a_token_of_32_url_safe_random_bytes()
    {
        await using var host = await StartAsync(new DashboardOptions { Port = 0 });

        Assert.Equal("127.0.0.1", host.BaseAddress.Host);
        Assert.StartsWith($"{host.BaseAddress}login?t=", host.LoginUrl, StringComparison.Ordinal);
        var token = QueryHelpers.ParseQuery(new Uri(host.LoginUrl).Query)["t"].ToString();
        Assert.Equal(32, WebEncoders.Base64UrlDecode(token).Length);
        Assert.Matches("^[A-Za-z0-9_-]+$", token);
    }

    [Fact]
    public async Task A_given_token_is_the_one_that_logs_in()
    {
        await using var host = await StartAsync(new DashboardOptions { Port = 0, Token = "my-own-token" });
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };

        Assert.Equal($"{host.BaseAddress}login?t=my-own-token", host.LoginUrl);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/login?t=my-own-token")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/login?t=my-own-tokex")).StatusCode);
    }

    [Fact]
    public async Task A_busy_port_is_a_clear_error()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => StartAsync(new DashboardOptions { Port = port }));
        Assert.Contains($"127.0.0.1:{port}", error.Message);
        Assert.Contains("in use", error.Message);
    }

    [Fact]
    public async Task Requests_for_another_host_name_are_refused()
    {
        await using var host = await StartAsync(new DashboardOptions { Port = 0, RequireToken = false });
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/resources");
        request.Headers.Host = "rebound.example";

        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task The_logs_api_returns_the_kept_lines_and_the_dropped_count()
    {
        var logs = new ResourceLogService(linesPerResource: 2);
        logs.Write("redis", "one", isError: false);
        logs.Write("redis", "two", isError: true);
        logs.Write("redis", "three", isError: false);
        await using var host = await StartAsync(new DashboardOptions { Port = 0 }, logs);
        using var client = await LoggedInClient.CreateAsync(host);

        using var view = JsonDocument.Parse(await client.GetStringAsync("/api/resources/redis/logs"));
        Assert.Equal(1, view.RootElement.GetProperty("dropped").GetInt64());
        Assert.Equal(2, view.RootElement.GetProperty("capacity").GetInt32());
        var lines = view.RootElement.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(["two", "three"], lines.Select(l => l.GetProperty("text").GetString()));
        Assert.True(lines[0].GetProperty("isError").GetBoolean());

        using var after = JsonDocument.Parse(await client.GetStringAsync("/api/resources/redis/logs?after=2"));
        Assert.Equal(["three"], after.RootElement.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task Stopping_the_dashboard_ends_open_live_streams_at_once_and_stopping_twice_is_harmless()
    {
        var host = await StartAsync(new DashboardOptions { Port = 0 });
        using var client = await LoggedInClient.CreateAsync(host);
        using var resourceStream = await client.GetAsync("/api/stream/resources", HttpCompletionOption.ResponseHeadersRead);
        using var logStream = await client.GetAsync("/api/resources/postgres/logs/stream", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", resourceStream.Content.Headers.ContentType?.MediaType);

        var stopwatch = Stopwatch.StartNew();
        await host.DisposeAsync();

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(3), $"stopping took {stopwatch.Elapsed}");
        await host.DisposeAsync();
    }

    private static Task<DashboardHost> StartAsync(DashboardOptions options, ResourceLogService? logs = null)
    {
        var resources = SampleResources.Create();
        return DashboardHost.StartAsync(options, resources, logs ?? new ResourceLogService(), new RecordingResourceCommands(resources), CancellationToken.None);
    }
}
