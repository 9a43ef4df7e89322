namespace AirflowAspire.DagPackager.Build;

/// <summary>The options of one <c>build</c>, as given on the command line.</summary>
internal sealed record BuildRequest(
    string ProjectDirectory,
    string Repository,
    string? AirflowVersion = null,
    string? Manifest = null,
    string? BaseImage = null,
    bool ContextOnly = false,
    string? Output = null,
    bool Push = false,
    bool Json = false,
    bool ExcludeAirflowIgnored = false,
    string? ContainerRuntime = null);
