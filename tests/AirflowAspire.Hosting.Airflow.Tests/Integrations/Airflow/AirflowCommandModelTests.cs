namespace AirflowAspire.Hosting.Airflow.Tests.Integrations.Airflow;

/// <summary>The dashboard commands a local run gets: Airflow's CLI on the scheduler, a check now on the dags resource.</summary>
public class AirflowCommandModelTests
{
    private static readonly string[] SchedulerCommands =
        ["airflow-list-dags", "airflow-unpause-dag", "airflow-trigger-dag", "airflow-db-check", "airflow-test-connection", "airflow-db-reset"];

    [Theory]
    [InlineData(null)]
    [InlineData("2.11.0")]
    public void The_scheduler_of_a_local_run_has_the_airflow_commands_the_init_the_upgrade_ones_and_no_other_component_any(string? version)
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase(version).WithRedisCelery().WithFlower().WithTriggerer();
        test.BuildModel();

        foreach (var (role, component) in airflow.Resource.Components)
        {
            var names = Commands(component).Select(c => c.Name).Where(n => n.StartsWith("airflow-", StringComparison.Ordinal)).ToList();
            Assert.Equal(role switch
            {
                AirflowRole.Scheduler => SchedulerCommands,
                AirflowRole.Init => ["airflow-backup-database", "airflow-migrate-now"],
                _ => [],
            }, names);
        }
    }

    [Fact]
    public void Unpause_and_trigger_ask_for_a_required_dag_id_and_the_reset_asks_for_confirmation()
    {
        using var test = TestApp.Create();
        var scheduler = test.AddAirflowWithDatabase().Resource.Components[AirflowRole.Scheduler];

        foreach (var name in new[] { "airflow-unpause-dag", "airflow-trigger-dag" })
        {
            var argument = Assert.Single(Command(scheduler, name).Arguments);
            Assert.Equal("dagId", argument.Name);
            Assert.True(argument.Required);
            Assert.NotNull(Command(scheduler, name).ValidateArguments);
        }

        Assert.Contains("cannot be undone", Command(scheduler, "airflow-db-reset").ConfirmationMessage, StringComparison.Ordinal);
        Assert.All(SchedulerCommands.Where(n => n != "airflow-db-reset"), name => Assert.Null(Command(scheduler, name).ConfirmationMessage));
    }

    [Fact]
    public void Commands_are_enabled_only_while_the_container_runs_and_say_so()
    {
        using var test = TestApp.Create();
        var scheduler = test.AddAirflowWithDatabase().Resource.Components[AirflowRole.Scheduler];
        var services = test.Builder.Build().Services;

        CustomResourceSnapshot Snapshot(string state, string? containerId) => new()
        {
            ResourceType = "Container",
            State = state,
            Properties = containerId is null ? [] : [new ResourcePropertySnapshot("container.id", containerId)],
        };

        foreach (var name in SchedulerCommands)
        {
            var command = Command(scheduler, name);
            Assert.Equal(ResourceCommandState.Enabled, command.UpdateState(new() { ResourceSnapshot = Snapshot(KnownResourceStates.Running, "c0ffee"), Services = services }));
            Assert.Equal(ResourceCommandState.Disabled, command.UpdateState(new() { ResourceSnapshot = Snapshot(KnownResourceStates.Waiting, null), Services = services }));
            Assert.Equal(ResourceCommandState.Disabled, command.UpdateState(new() { ResourceSnapshot = Snapshot(KnownResourceStates.Exited, "c0ffee"), Services = services }));
            Assert.Contains("available while it runs", command.DisplayDescription, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_dags_resource_has_a_validate_now_command()
    {
        using var test = TestApp.Create();
        test.CreateFolder("dags");
        test.AddAirflowWithDatabase().WithDags("dags");

        var dags = test.BuildModel().Resources.OfType<AirflowDagsResource>().Single();
        Assert.Equal("Validate DAGs now", Command(dags, "airflow-validate-dags").DisplayName);
    }

    [Fact]
    public void A_publish_has_no_airflow_commands()
    {
        using var test = TestApp.Create("--publisher", "manifest", "--output-path", "unused.json");
        var airflow = test.AddAirflowWithDatabase();
        test.BuildModel();

        Assert.DoesNotContain(Commands(airflow.Resource.Components[AirflowRole.Scheduler]), c => c.Name.StartsWith("airflow-", StringComparison.Ordinal));
    }

    private static IEnumerable<ResourceCommandAnnotation> Commands(IResource resource) => resource.Annotations.OfType<ResourceCommandAnnotation>();

    private static ResourceCommandAnnotation Command(IResource resource, string name) => Commands(resource).Single(c => c.Name == name);
}
