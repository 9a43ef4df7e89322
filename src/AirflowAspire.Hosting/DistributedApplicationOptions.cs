namespace AirflowAspire.Hosting;

/// <summary>How to create a builder. Everything but the arguments has a sensible default.</summary>
public sealed class DistributedApplicationOptions
{
    public string[] Args { get; init; } = [];

    /// <summary>Defaults to the AppHost assembly's name as a DNS label.</summary>
    public string? ApplicationName { get; init; }

    /// <summary>Defaults to the AppHost project's folder, recorded at build time.</summary>
    public string? AppHostDirectory { get; init; }
}
