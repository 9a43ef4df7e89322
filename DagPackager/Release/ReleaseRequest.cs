namespace AirflowAspire.DagPackager.Release;

/// <summary>The options of one <c>release</c>, as given on the command line.</summary>
internal sealed record ReleaseRequest(
    string Image,
    string? Lock = null,
    IReadOnlyList<string>? Kustomizations = null,
    string? DagHash = null,
    string? AirflowVersion = null,
    string? ContainerRuntime = null,
    string? WorkingDirectory = null);
