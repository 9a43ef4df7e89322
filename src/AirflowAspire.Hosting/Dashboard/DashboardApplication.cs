using System.Net;
using AirflowAspire.Hosting.Dashboard.Api;
using AirflowAspire.Hosting.Dashboard.Pages;
using AirflowAspire.Hosting.Dashboard.Security;
using AirflowAspire.Hosting.Orchestration;
using AirflowAspire.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AirflowAspire.Hosting.Dashboard;

/// <summary>The dashboard's web application: Kestrel on 127.0.0.1, the access gate, the pages and the API.</summary>
internal static class DashboardApplication
{
    public static WebApplication Build(
        int port, DashboardAccess access, ResourceNotificationService resources, ResourceLogService logs, IResourceCommands commands)
    {
        // The empty builder reads no appsettings.json or ASPNETCORE_URLS of the AppHost that hosts it.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = "AirflowAspire.Dashboard",
            ContentRootPath = AppContext.BaseDirectory,
        });
        // Only so OTEL_* settings reach the service defaults, as in any service of the app.
        builder.Configuration.AddEnvironmentVariables();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        builder.Services.AddRoutingCore();
        // A name that resolves to 127.0.0.1 (DNS rebinding) must not make another site same-origin with us.
        builder.Services.Configure<HostFilteringOptions>(hosts => hosts.AllowedHosts = ["127.0.0.1", "localhost", "[::1]"]);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        // Warnings only: request logs would print the login URL, token included.
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning);
        // A failed start (a busy port) is thrown to the caller with a clear message; no stack trace in the terminal too.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        builder.AddServiceDefaults();

        var app = builder.Build();
        app.UseHostFiltering();
        app.UseSecurityHeaders();
        app.UseAccessGate(access);
        app.UseRouting();
        app.MapDefaultEndpoints();
        app.MapLogin(access);
        app.MapAssets();
        app.MapPages(resources);
        app.MapResourceApi(resources);
        app.MapLogApi(resources, logs);
        app.MapCommandApi(resources, commands);
        app.MapTimelineApi(resources, TimeProvider.System);
        return app;
    }
}
