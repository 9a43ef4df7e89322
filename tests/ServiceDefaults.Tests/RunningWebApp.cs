using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace AirflowAspire.ServiceDefaults.Tests;

/// <summary>
/// A real Kestrel server on 127.0.0.1 with the service defaults, and a client pointed at it. Port 0 lets
/// the OS pick a free port, so parallel tests never collide.
/// </summary>
internal sealed class RunningWebApp : IAsyncDisposable
{
    private readonly WebApplication app;

    private RunningWebApp(WebApplication app, HttpClient client)
    {
        this.app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    /// <param name="configure">Runs after <c>AddServiceDefaults</c>, to add checks or services.</param>
    /// <param name="settings">Configuration seen by <c>AddServiceDefaults</c>, overriding the environment.</param>
    public static async Task<RunningWebApp> StartAsync(
        Action<WebApplicationBuilder>? configure = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(["--urls", "http://127.0.0.1:0"]);
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddServiceDefaults();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync();

        var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()), Timeout = TimeSpan.FromSeconds(30) };
        return new RunningWebApp(app, client);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
