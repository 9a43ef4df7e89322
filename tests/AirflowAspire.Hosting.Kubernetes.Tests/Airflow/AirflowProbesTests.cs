
namespace AirflowAspire.Hosting.Kubernetes.Tests.Airflow;

/// <summary>The probe facts of the Airflow integration, which every cluster renderer reads.</summary>
public sealed class AirflowProbesTests
{
    public static TheoryData<AirflowRole> LongRunningRoles => new(Enum.GetValues<AirflowRole>().Where(r => r != AirflowRole.Init));

    [Theory]
    [MemberData(nameof(LongRunningRoles))]
    public void EveryLongRunningRoleHasProbesWithAGenerousStart(AirflowRole role)
    {
        var probes = AirflowProbes.For(role)!;

        Assert.True(probes.Startup.Tolerance >= TimeSpan.FromMinutes(3), $"{role}: {probes.Startup.Tolerance}");
        Assert.True(probes.Liveness.Tolerance >= TimeSpan.FromSeconds(50), $"{role}: {probes.Liveness.Tolerance}");
        Assert.True(probes.Liveness.TimeoutSeconds <= probes.Liveness.PeriodSeconds, $"{role}: a probe may not outlast its period");
    }

    [Fact]
    public void TheInitRunsOnceAndHasNoProbes() => Assert.Null(AirflowProbes.For(AirflowRole.Init));

    [Theory]
    [InlineData(AirflowRole.ApiServer, "/api/v2/monitor/health")]
    [InlineData(AirflowRole.Webserver, "/health")]
    [InlineData(AirflowRole.Flower, "/")]
    public void WebComponentsAreProbedOverHttpAndTakeNoTrafficWhileFailing(AirflowRole role, string path)
    {
        var probes = AirflowProbes.For(role)!;

        Assert.Equal(path, Assert.IsType<AirflowHealthCheck.Http>(probes.Check).Path);
        Assert.NotNull(probes.Readiness);
    }

    [Theory]
    [InlineData(AirflowRole.Scheduler, "SchedulerJob")]
    [InlineData(AirflowRole.DagProcessor, "DagProcessorJob")]
    [InlineData(AirflowRole.Triggerer, "TriggererJob")]
    public void JobsAreCheckedByTheirHeartbeatOnThisHost(AirflowRole role, string jobType)
    {
        var command = Assert.IsType<AirflowHealthCheck.Command>(AirflowProbes.For(role)!.Check).ShellCommand;

        Assert.Equal(
            $"CONNECTION_CHECK_MAX_COUNT=0 AIRFLOW__LOGGING__LOGGING_LEVEL=ERROR exec /entrypoint airflow jobs check --job-type {jobType} --local",
            command);
    }

    [Fact]
    public void WorkersArePingedThroughCeleryUnderTheirHostName()
    {
        var command = Assert.IsType<AirflowHealthCheck.Command>(AirflowProbes.For(AirflowRole.Worker)!.Check).ShellCommand;

        Assert.Contains("celery --app airflow.providers.celery.executors.celery_executor.app inspect ping -d \"celery@$(hostname)\"", command, StringComparison.Ordinal);
        Assert.Contains("celery --app airflow.executors.celery_executor.app inspect ping -d \"celery@$(hostname)\"", command, StringComparison.Ordinal);
        Assert.Null(AirflowProbes.For(AirflowRole.Worker)!.Readiness);
    }
}
