using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AirflowAspire.ServiceDefaults.Tests;

/// <summary>
/// Accepts OTLP over HTTP/protobuf on 127.0.0.1 and remembers which signals arrived
/// (<c>traces</c>, <c>metrics</c>, <c>logs</c>). It does not decode the payloads.
/// </summary>
internal sealed class FakeOtlpCollector : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<string> received;

    private FakeOtlpCollector(WebApplication app, ConcurrentQueue<string> received)
    {
        this.app = app;
        this.received = received;
    }

    public string Endpoint => app.Urls.Single();

    public IReadOnlyCollection<string> ReceivedSignals => received.ToArray();

    public static async Task<FakeOtlpCollector> StartAsync()
    {
        var builder = WebApplication.CreateBuilder(["--urls", "http://127.0.0.1:0"]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var received = new ConcurrentQueue<string>();
        app.MapPost("/v1/{signal}", (string signal) =>
        {
            received.Enqueue(signal);
            return Results.Ok();
        });
        await app.StartAsync();
        return new FakeOtlpCollector(app, received);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
