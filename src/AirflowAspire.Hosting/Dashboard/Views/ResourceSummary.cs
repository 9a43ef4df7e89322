using AirflowAspire.Hosting.Orchestration;

namespace AirflowAspire.Hosting.Dashboard.Views;

/// <summary>One row of the resources table, as the list API and the live stream send it.</summary>
internal sealed record ResourceSummary(
    string Name,
    string Type,
    ResourceState State,
    HealthStatus Health,
    string? StateMessage,
    DateTimeOffset? StartedAt,
    int RestartCount,
    int? ExitCode,
    string? Source,
    string? Runtime,
    int Replicas,
    IReadOnlyList<EndpointSnapshot> Endpoints,
    bool HasLifecycle)
{
    public static ResourceSummary From(ResourceSnapshot snapshot, SecretRedactor redactor) => new(
        snapshot.Name,
        snapshot.Type,
        snapshot.State,
        snapshot.Health,
        redactor.RedactOrNull(snapshot.StateMessage),
        snapshot.StartedAt,
        snapshot.RestartCount,
        snapshot.ExitCode,
        snapshot.Source,
        snapshot.Runtime,
        snapshot.Replicas,
        snapshot.Endpoints,
        snapshot.HasLifecycle);
}
