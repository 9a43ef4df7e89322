using System.Globalization;

namespace AirflowAspire.Bench.Manifest;

/// <summary>
/// The application both sides describe: <see cref="ContainerCount"/> containers with one HTTP endpoint,
/// each with <see cref="EnvVarsPerContainer"/> variables that combine the shared parameter with the
/// endpoint of the next container (the last points back at the first).
/// </summary>
internal static class BenchShape
{
    public const int ContainerCount = 200;
    public const int EnvVarsPerContainer = 10;
    public const string ParameterName = "api-token";
    public const string EndpointName = "http";
    public const string EndpointScheme = "http";
    public const int TargetPort = 8080;
    public const string ImageTag = "1.0";

    public static string ContainerName(int index) => "svc-" + index.ToString("D3", CultureInfo.InvariantCulture);

    public static string Image(int index) => $"example/{ContainerName(index)}";

    public static int PeerOf(int index) => (index + 1) % ContainerCount;

    public static string EnvVarName(int variable) => $"PEER_{variable}_URL";
}
