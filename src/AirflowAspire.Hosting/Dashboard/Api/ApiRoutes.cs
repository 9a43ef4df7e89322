namespace AirflowAspire.Hosting.Dashboard.Api;

/// <summary>The JSON and event-stream routes behind the pages.</summary>
internal static class ApiRoutes
{
    public const string Prefix = "/api";
    public const string Resources = "/api/resources";
    public const string ResourceStream = "/api/stream/resources";
    public const string Resource = "/api/resources/{name}";
    public const string RevealVariable = "/api/resources/{name}/environment/{variable}/reveal";
    public const string Logs = "/api/resources/{name}/logs";
    public const string LogStream = "/api/resources/{name}/logs/stream";
    public const string Command = "/api/resources/{name}/commands/{command}";
    public const string Timeline = "/api/timeline";
}
