using AirflowAspire.Hosting.Airflow.Upgrade;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AirflowAspire.Hosting.Airflow.State;

/// <summary>
/// The state the <c>airflow</c> resource shows, summed up from its components' states:
/// <list type="bullet">
/// <item><c>Running</c> only when every long-running component runs healthy and <c>{name}-init</c> exited 0;</item>
/// <item><c>Degraded: …</c> naming each component that failed to start, stopped (init: with an exit code other than 0)
/// or turned unhealthy after it was healthy, while others still run or wait;</item>
/// <item>once all of them stopped, their common state (<c>Exited</c>, <c>Finished</c>, <c>FailedToStart</c>,
/// <c>RuntimeUnavailable</c>, …), or <c>Exited</c> when they stopped differently without failing to start;</item>
/// <item><c>Upgrade pending</c> (or <c>Migration check failed</c>) while <c>{name}-init</c> waits for the go-ahead to migrate;</item>
/// <item><c>Stopping</c> while any stops; <c>Starting</c> once any began (started, runs, not yet healthy,
/// or init done); <c>Waiting</c> while none has begun, all waiting on their dependencies.</item>
/// </list>
/// </summary>
internal static class AirflowStateSummary
{
    public const string Degraded = "Degraded";

    private static readonly string[] StartFailures =
        [KnownResourceStates.FailedToStart, KnownResourceStates.RuntimeUnhealthy, ResourceReplacementAnnotation.UnavailableState];

    private static readonly string[] Stopped = [KnownResourceStates.Exited, KnownResourceStates.Finished, .. StartFailures];

    private static readonly string[] NotBegun = [KnownResourceStates.Waiting, KnownResourceStates.NotStarted];

    public static ResourceStateSnapshot Of(IReadOnlyCollection<AirflowComponentState> components)
    {
        if (components.Count > 0 && components.All(c => Stopped.Contains(c.State)))
        {
            var states = components.Select(c => c.State!).Distinct().ToList();
            if (states is [var common])
            {
                return new(common, StartFailures.Contains(common) ? KnownResourceStateStyles.Error : KnownResourceStateStyles.Info);
            }

            if (!components.Any(c => StartFailures.Contains(c.State)))
            {
                return new(KnownResourceStates.Exited, KnownResourceStateStyles.Info);
            }
        }

        var problems = components.Select(Problem).OfType<string>().ToList();
        if (problems.Count > 0)
        {
            return new($"{Degraded}: {string.Join(", ", problems)}", KnownResourceStateStyles.Error);
        }

        if (components.Any(c => c.State == KnownResourceStates.Stopping))
        {
            return new(KnownResourceStates.Stopping, KnownResourceStateStyles.Info);
        }

        if (components.FirstOrDefault(c => AirflowUpgradeStates.AsksForGoAhead(c.State)) is { State: { } held })
        {
            return new(held, KnownResourceStateStyles.Warn);
        }

        if (components.All(IsReady))
        {
            return new(KnownResourceStates.Running, KnownResourceStateStyles.Success);
        }

        return components.Any(HasBegun)
            ? new(KnownResourceStates.Starting, KnownResourceStateStyles.Info)
            : new(KnownResourceStates.Waiting, KnownResourceStateStyles.Info);
    }

    /// <summary>What is wrong with a component, as the parent names it; null when nothing is.</summary>
    private static string? Problem(AirflowComponentState component) => component switch
    {
        { State: { } state } when StartFailures.Contains(state) => $"{component.Name} {state}",
        { RunsOnce: true, ExitCode: null or 0 } when HasExited(component) => null,
        { ExitCode: { } code } when HasExited(component) => $"{component.Name} {component.State} ({code})",
        _ when HasExited(component) => $"{component.Name} {component.State}",
        { WasHealthy: true, Health: not HealthStatus.Healthy } => $"{component.Name} {component.Health}",
        _ => null,
    };

    private static bool HasBegun(AirflowComponentState component) =>
        !string.IsNullOrEmpty(component.State) && !NotBegun.Contains(component.State);

    private static bool HasExited(AirflowComponentState component) =>
        component.State == KnownResourceStates.Exited || component.State == KnownResourceStates.Finished;

    private static bool IsReady(AirflowComponentState component) => component.RunsOnce
        ? HasExited(component) && component.ExitCode is null or 0
        : component.State == KnownResourceStates.Running && component.Health == HealthStatus.Healthy;
}
