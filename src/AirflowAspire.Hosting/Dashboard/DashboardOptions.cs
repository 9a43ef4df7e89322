namespace AirflowAspire.Hosting.Dashboard;

/// <summary>Where the dashboard listens and how it lets people in.</summary>
public sealed class DashboardOptions
{
    /// <summary>The port the AppHost uses unless configured otherwise, as Aspire's dashboard does.</summary>
    public const int DefaultPort = 18888;

    /// <summary>The port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; set; } = DefaultPort;

    /// <summary>
    /// When true (the default), only a browser that opened the login URL gets in. Turn it off only where
    /// everyone who can reach 127.0.0.1 on this machine may see every secret of the app.
    /// </summary>
    public bool RequireToken { get; set; } = true;

    /// <summary>The login token; null generates one (32 random bytes, url-safe base64) per start.</summary>
    public string? Token { get; set; }
}
