using AirflowAspire.Hosting.Dashboard.Security;
using AirflowAspire.Hosting.Orchestration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace AirflowAspire.Hosting.Dashboard;

/// <summary>
/// The running dashboard. The orchestrator starts it with the services it writes to, prints
/// <see cref="LoginUrl"/> in the terminal, and disposes it at shutdown.
/// </summary>
public sealed class DashboardHost : IAsyncDisposable
{
    private readonly WebApplication app;
    private int disposed;

    private DashboardHost(WebApplication app, Uri baseAddress, string loginUrl)
    {
        this.app = app;
        BaseAddress = baseAddress;
        LoginUrl = loginUrl;
    }

    /// <summary>http://127.0.0.1:PORT/ with the port actually bound.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The URL to open: with the one-time token, or the plain address when the token is off. Print it only to the user's terminal.</summary>
    public string LoginUrl { get; }

    public static async Task<DashboardHost> StartAsync(
        DashboardOptions options,
        ResourceNotificationService resources,
        ResourceLogService logs,
        IResourceCommands commands,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentNullException.ThrowIfNull(logs);
        ArgumentNullException.ThrowIfNull(commands);
        if (options.Token is { } given && string.IsNullOrWhiteSpace(given))
        {
            throw new DistributedApplicationException("The dashboard token must not be empty: leave it unset to generate one.");
        }

        var token = options.Token ?? DashboardToken.Generate();
        var app = DashboardApplication.Build(options.Port, new DashboardAccess(options.RequireToken, token), resources, logs, commands);
        try
        {
            await app.StartAsync(ct);
        }
        catch (Exception e) when (IsAddressInUse(e))
        {
            await app.DisposeAsync();
            throw new DistributedApplicationException(
                $"The dashboard cannot listen on 127.0.0.1:{options.Port}: the port is in use. Set Dashboard:Port to another port (appsettings.json, or --Dashboard:Port=PORT), or 0 for a free one.");
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var baseAddress = BoundAddress(app);
        var loginUrl = options.RequireToken
            ? $"{baseAddress}login?t={Uri.EscapeDataString(token)}"
            : baseAddress.ToString();
        return new DashboardHost(app, baseAddress, loginUrl);
    }

    /// <summary>Stops serving within a few seconds (open live pages are cut off); a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static Uri BoundAddress(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        var port = new Uri(addresses.Single()).Port;
        return new Uri($"http://127.0.0.1:{port}/");
    }

    private static bool IsAddressInUse(Exception e)
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            if (current is AddressInUseException)
            {
                return true;
            }
        }

        return false;
    }
}
