using AirflowAspire.Hosting.Airflow.State;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AirflowAspire.Hosting.Airflow.Tests.Integrations.Airflow;

/// <summary>The <c>airflow</c> resource's state as the sum of its components' states.</summary>
public sealed class AirflowStateSummaryTests
{
    private static readonly string Running = KnownResourceStates.Running;
    private static readonly string Exited = KnownResourceStates.Exited;

    private static AirflowComponentState Init(string? state = null, int? exitCode = null) =>
        new("airflow-init", RunsOnce: true, state, exitCode, Health: null, WasHealthy: false);

    private static AirflowComponentState Component(string name, string? state = null, HealthStatus? health = null, int? exitCode = null, bool wasHealthy = false) =>
        new(name, RunsOnce: false, state, exitCode, state == KnownResourceStates.Running ? health : null, wasHealthy);

    private static AirflowComponentState Healthy(string name) => Component(name, Running, HealthStatus.Healthy, wasHealthy: true);

    private static ResourceStateSnapshot Sum(params AirflowComponentState[] components) => AirflowStateSummary.Of(components);

    [Fact]
    public void A_local_run_shows_airflow_waiting_until_its_components_say_otherwise()
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase();
        var snapshot = airflow.Resource.Annotations.OfType<ResourceSnapshotAnnotation>().Single().InitialSnapshot;
        Assert.Equal(KnownResourceStates.Waiting, snapshot.State?.Text);
        Assert.Null(snapshot.HealthStatus);
    }

    [Fact]
    public void Components_not_seen_yet_or_waiting_on_their_dependencies_make_it_waiting()
    {
        Assert.Equal(KnownResourceStates.Waiting, Sum(Init(), Component("airflow-scheduler")).Text);
        Assert.Equal(KnownResourceStates.Waiting, Sum(Init(KnownResourceStates.Waiting), Component("airflow-scheduler", KnownResourceStates.Waiting)).Text);
        Assert.Equal(KnownResourceStates.Waiting, Sum(Init(KnownResourceStates.NotStarted), Component("airflow-scheduler", KnownResourceStates.Waiting)).Text);
    }

    [Fact]
    public void It_is_starting_once_any_component_began_and_until_all_are_ready()
    {
        Assert.Equal(KnownResourceStates.Starting, Sum(Init(KnownResourceStates.Starting), Component("airflow-scheduler", KnownResourceStates.Waiting)).Text);
        Assert.Equal(KnownResourceStates.Starting, Sum(Init(Running), Component("airflow-scheduler", KnownResourceStates.Waiting)).Text);
        Assert.Equal(KnownResourceStates.Starting, Sum(Init(Exited, 0), Component("airflow-scheduler", KnownResourceStates.Waiting)).Text);

        // Running but not yet healthy (health checks not answered, or answered unhealthy before the first healthy).
        var startingScheduler = Component("airflow-scheduler", Running, HealthStatus.Unhealthy);
        var state = Sum(Init(Exited, 0), startingScheduler, Healthy("airflow-api-server"));
        Assert.Equal(KnownResourceStates.Starting, state.Text);
        Assert.Equal(KnownResourceStateStyles.Info, state.Style);
    }

    [Fact]
    public void It_runs_only_when_init_exited_0_and_every_other_component_runs_healthy()
    {
        var state = Sum(Init(Exited, 0), Healthy("airflow-api-server"), Healthy("airflow-scheduler"));
        Assert.Equal(KnownResourceStates.Running, state.Text);
        Assert.Equal(KnownResourceStateStyles.Success, state.Style);

        // Executables (the fallback without a container runtime) finish rather than exit.
        Assert.Equal(KnownResourceStates.Running, Sum(Init(KnownResourceStates.Finished, 0), Healthy("airflow-scheduler")).Text);
        Assert.Equal(KnownResourceStates.Starting, Sum(Init(Running), Healthy("airflow-scheduler")).Text);
    }

    [Fact]
    public void A_component_that_failed_to_start_makes_it_degraded_naming_the_component()
    {
        var state = Sum(Init(Exited, 0), Healthy("airflow-api-server"), Component("airflow-scheduler", KnownResourceStates.FailedToStart));
        Assert.Equal("Degraded: airflow-scheduler FailedToStart", state.Text);
        Assert.Equal(KnownResourceStateStyles.Error, state.Style);

        Assert.Equal("Degraded: airflow-worker RuntimeUnhealthy",
            Sum(Init(KnownResourceStates.Waiting), Component("airflow-worker", KnownResourceStates.RuntimeUnhealthy)).Text);
    }

    [Fact]
    public void Init_exiting_other_than_0_and_a_long_running_component_exiting_make_it_degraded()
    {
        Assert.Equal("Degraded: airflow-init Exited (1)", Sum(Init(Exited, 1), Component("airflow-scheduler", KnownResourceStates.Waiting)).Text);
        Assert.Equal(
            "Degraded: airflow-scheduler Exited (137), airflow-worker Finished",
            Sum(Init(Exited, 0), Component("airflow-scheduler", Exited, exitCode: 137), Component("airflow-worker", KnownResourceStates.Finished), Healthy("airflow-api-server")).Text);
    }

    [Fact]
    public void A_component_unhealthy_after_it_was_healthy_makes_it_degraded()
    {
        var state = Sum(Init(Exited, 0), Healthy("airflow-api-server"), Component("airflow-dag-processor", Running, HealthStatus.Unhealthy, wasHealthy: true));
        Assert.Equal("Degraded: airflow-dag-processor Unhealthy", state.Text);
        Assert.Equal(KnownResourceStateStyles.Error, state.Style);
    }

    [Fact]
    public void Once_every_component_stopped_it_shows_their_common_state_or_exited()
    {
        Assert.Equal(Exited, Sum(Init(Exited, 0), Component("airflow-scheduler", Exited, exitCode: 0)).Text);
        Assert.Equal(KnownResourceStates.Finished, Sum(Init(KnownResourceStates.Finished, 0), Component("airflow-scheduler", KnownResourceStates.Finished, exitCode: 0)).Text);
        Assert.Equal(Exited, Sum(Init(Exited, 0), Component("airflow-scheduler", KnownResourceStates.Finished, exitCode: 143)).Text);

        var failed = Sum(Init(KnownResourceStates.FailedToStart), Component("airflow-scheduler", KnownResourceStates.FailedToStart));
        Assert.Equal(KnownResourceStates.FailedToStart, failed.Text);
        Assert.Equal(KnownResourceStateStyles.Error, failed.Style);

        // Without a container runtime or a local Airflow every component says what to install; so does the parent.
        Assert.Equal(ResourceReplacementAnnotation.UnavailableState, Sum(Init(ResourceReplacementAnnotation.UnavailableState), Component("airflow-scheduler", ResourceReplacementAnnotation.UnavailableState)).Text);

        // Stopped in different ways, some failing to start: the failures are named.
        Assert.Equal("Degraded: airflow-scheduler FailedToStart", Sum(Init(Exited, 0), Component("airflow-scheduler", KnownResourceStates.FailedToStart)).Text);
    }

    [Theory]
    [InlineData("Upgrade pending")]
    [InlineData("Migration check failed")]
    public void An_init_waiting_for_the_go_ahead_to_migrate_shows_on_airflow_as_a_warning(string held)
    {
        var state = Sum(Init(held), Component("airflow-scheduler", KnownResourceStates.Waiting), Component("airflow-api-server", KnownResourceStates.Waiting));
        Assert.Equal(held, state.Text);
        Assert.Equal(KnownResourceStateStyles.Warn, state.Style);
    }

    [Fact]
    public void It_is_stopping_while_a_component_stops_and_none_failed()
    {
        Assert.Equal(KnownResourceStates.Stopping, Sum(Init(Exited, 0), Component("airflow-scheduler", KnownResourceStates.Stopping), Healthy("airflow-api-server")).Text);
    }

    [Fact]
    public void A_component_s_state_follows_its_snapshots_and_forgets_its_health_when_it_stops()
    {
        var scheduler = AirflowComponentState.NotSeen("airflow-scheduler", runsOnce: false);
        scheduler = scheduler.After(Snapshot(Running, health: HealthStatus.Unhealthy));
        Assert.False(scheduler.WasHealthy);
        scheduler = scheduler.After(Snapshot(Running, health: HealthStatus.Healthy));
        Assert.True(scheduler.WasHealthy);
        scheduler = scheduler.After(Snapshot(Running, health: HealthStatus.Unhealthy));
        Assert.True(scheduler.WasHealthy);
        Assert.Equal(HealthStatus.Unhealthy, scheduler.Health);
        scheduler = scheduler.After(Snapshot(Exited, exitCode: 137));
        Assert.False(scheduler.WasHealthy);
        Assert.Equal(137, scheduler.ExitCode);
        Assert.Equal(Exited, scheduler.State);
    }

    /// <summary>A snapshot as Aspire publishes it: its health follows its health reports while it runs.</summary>
    private static CustomResourceSnapshot Snapshot(string state, HealthStatus? health = null, int? exitCode = null)
    {
        var snapshot = new CustomResourceSnapshot { ResourceType = "Container", Properties = [], State = state, ExitCode = exitCode };
        return health is { } status ? snapshot.WithHealthReports([new HealthReportSnapshot("check", status, null, null)]) : snapshot;
    }
}
