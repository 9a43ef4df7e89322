using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AirflowAspire.Hosting.Airflow.State;

/// <summary>What the <c>airflow</c> resource's state is summed from: one component's latest snapshot.</summary>
/// <param name="Name">The component's resource name, e.g. <c>airflow-scheduler</c>.</param>
/// <param name="RunsOnce">True for <c>{name}-init</c>: it is done when it exited 0, not when it runs.</param>
/// <param name="State">The snapshot's state text; null before the component published one.</param>
/// <param name="ExitCode">The snapshot's exit code, once it stopped.</param>
/// <param name="Health">The snapshot's health; Aspire gives one only while the component runs.</param>
/// <param name="WasHealthy">
/// Healthy at least once since it last started: unhealthy before that is a component still starting, after it a
/// component in trouble.
/// </param>
internal sealed record AirflowComponentState(string Name, bool RunsOnce, string? State, int? ExitCode, HealthStatus? Health, bool WasHealthy)
{
    public static AirflowComponentState NotSeen(string name, bool runsOnce) => new(name, runsOnce, null, null, null, false);

    /// <summary>This component after <paramref name="snapshot"/>, keeping whether it was healthy since it started.</summary>
    public AirflowComponentState After(CustomResourceSnapshot snapshot)
    {
        var running = snapshot.State?.Text == KnownResourceStates.Running;
        return this with
        {
            State = snapshot.State?.Text,
            ExitCode = snapshot.ExitCode,
            Health = snapshot.HealthStatus,
            WasHealthy = running && (WasHealthy || snapshot.HealthStatus == HealthStatus.Healthy),
        };
    }
}
