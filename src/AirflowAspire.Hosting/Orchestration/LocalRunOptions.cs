using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace AirflowAspire.Hosting.Orchestration;

/// <summary>
/// The settings of a local run, from the AppHost's command line, environment or appsettings.json:
/// <c>--reset</c>, <c>Dashboard:Port</c>, <c>Dashboard:RequireToken</c>.
/// </summary>
public sealed record LocalRunOptions
{
    public const int DefaultDashboardPort = 18888;

    /// <summary>Remove the app's volumes before starting, so databases start empty.</summary>
    public bool Reset { get; init; }

    public int DashboardPort { get; init; } = DefaultDashboardPort;

    /// <summary>False only for trusted set-ups: then anyone who reaches 127.0.0.1 can use the dashboard.</summary>
    public bool DashboardRequiresToken { get; init; } = true;

    public static LocalRunOptions From(IConfiguration configuration) => new()
    {
        Reset = Flag(configuration, "reset", false),
        DashboardPort = Port(configuration["Dashboard:Port"]),
        DashboardRequiresToken = Flag(configuration, "Dashboard:RequireToken", true),
    };

    private static bool Flag(IConfiguration configuration, string key, bool fallback)
    {
        var value = configuration[key];
        if (string.IsNullOrEmpty(value))
        {
            return fallback;
        }

        return bool.TryParse(value, out var flag)
            ? flag
            : throw new DistributedApplicationException($"The setting {key} is '{value}'; use true or false.");
    }

    private static int Port(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return DefaultDashboardPort;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 0 and <= 65535
            ? port
            : throw new DistributedApplicationException($"The setting Dashboard:Port is '{value}'; use a port from 1 to 65535, or 0 for a free one.");
    }
}
