using AirflowAspire.Hosting.Airflow.Upgrade;
using Microsoft.Extensions.Configuration;

namespace AirflowAspire.Hosting.Airflow.Tests.Integrations.Airflow;

/// <summary>How a local run holds the init for a migration check, and what the dashboard offers: the model, not a run.</summary>
public sealed class AirflowUpgradeModelTests
{
    [Fact]
    public void A_local_run_has_a_run_once_migration_check_under_airflow_and_an_init_that_waits_to_be_started()
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase();
        var model = test.BuildModel();

        var check = model.Resources.OfType<AirflowMigrationCheckResource>().Single();
        Assert.Equal("airflow-migration-check", check.Name);
        Assert.Same(airflow.Resource, check.Parent);
        Assert.Equal(["bash", "-c", MigrationCheckContainer.Script], ModelInspection.Arguments(check));
        Assert.Contains("airflow db migrate --show-sql-only", MigrationCheckContainer.Script, StringComparison.Ordinal);
        Assert.Null(check.Annotations.OfType<ManifestPublishingCallbackAnnotation>().Single().Callback);

        var init = airflow.Resource.Components[AirflowRole.Init];
        Assert.Single(init.Annotations.OfType<ExplicitStartupAnnotation>());
        Assert.All(airflow.Resource.Components.Values.Where(c => c.Role != AirflowRole.Init), c => Assert.Empty(c.Annotations.OfType<ExplicitStartupAnnotation>()));
    }

    [Fact]
    public void The_check_gets_the_inits_image_environment_and_waits_without_the_migration_and_the_admin_user()
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase().WithRedisCelery().WithImage("registry.example/acme/airflow", "7");
        var model = test.BuildModel();
        var init = airflow.Resource.Components[AirflowRole.Init];
        var check = model.Resources.OfType<AirflowMigrationCheckResource>().Single();

        MigrationCheckContainer.CopyFromInit(init, check);

        Assert.Equal("registry.example/acme/airflow:7", ModelInspection.ImageReference(check));
        var initEnvironment = ModelInspection.Environment(init);
        var checkEnvironment = ModelInspection.Environment(check);
        Assert.Equal("true", initEnvironment["_AIRFLOW_DB_MIGRATE"]);
        string[] initOnly = ["_AIRFLOW_DB_MIGRATE", AirflowAdminUser.UserNameVariable, AirflowAdminUser.PasswordVariable];
        Assert.Equal(initEnvironment.Where(e => !initOnly.Contains(e.Key)).OrderBy(e => e.Key), checkEnvironment.OrderBy(e => e.Key));
        Assert.Contains("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_CMD", checkEnvironment.Keys);
        Assert.Equal(
            ModelInspection.Waits(init).Select(w => (w.Resource.Name, w.WaitType)),
            ModelInspection.Waits(check).Select(w => (w.Resource.Name, w.WaitType)));
        Assert.Equal(["airflow-db", "redis"], ModelInspection.Waits(check).Select(w => w.Resource.Name).Order());
    }

    [Fact]
    public void The_init_offers_a_backup_and_a_go_ahead_that_shows_only_while_it_is_held()
    {
        using var test = TestApp.Create();
        var init = test.AddAirflowWithDatabase().Resource.Components[AirflowRole.Init];
        var services = test.Builder.Build().Services;

        var backup = Command(init, AirflowUpgradeCommands.BackUpDatabase);
        Assert.Equal("Back up database", backup.DisplayName);
        Assert.Contains("pg_dump", backup.DisplayDescription, StringComparison.Ordinal);
        Assert.Contains(".airflowaspire", backup.DisplayDescription, StringComparison.Ordinal);

        var migrate = Command(init, AirflowUpgradeCommands.MigrateNow);
        Assert.Equal("Migrate now", migrate.DisplayName);
        Assert.Contains("cannot be undone", migrate.ConfirmationMessage, StringComparison.Ordinal);
        Assert.Contains(AirflowUpgradeSetting.Key + "=migrate", migrate.DisplayDescription, StringComparison.Ordinal);

        ResourceCommandState StateIn(ResourceCommandAnnotation command, string state) =>
            command.UpdateState(new() { ResourceSnapshot = new() { ResourceType = "Container", State = state, Properties = [] }, Services = services });

        foreach (var held in new[] { AirflowUpgradeStates.UpgradePending, AirflowUpgradeStates.CheckFailed })
        {
            Assert.Equal(ResourceCommandState.Enabled, StateIn(migrate, held));
        }

        foreach (var other in new[] { KnownResourceStates.NotStarted, KnownResourceStates.Running, KnownResourceStates.Exited })
        {
            Assert.Equal(ResourceCommandState.Hidden, StateIn(migrate, other));
            Assert.Equal(ResourceCommandState.Enabled, StateIn(backup, other));
        }
    }

    [Fact]
    public void A_database_outside_the_model_cannot_be_backed_up_from_the_dashboard()
    {
        using var test = TestApp.Create();
        var external = test.Builder.AddConnectionString("airflow-db");
        var init = test.Builder.AddAirflow("airflow").WithDatabase(external).Resource.Components[AirflowRole.Init];
        var services = test.Builder.Build().Services;

        var backup = Command(init, AirflowUpgradeCommands.BackUpDatabase);
        Assert.Equal(ResourceCommandState.Disabled, backup.UpdateState(new()
        {
            ResourceSnapshot = new() { ResourceType = "Container", State = KnownResourceStates.NotStarted, Properties = [] },
            Services = services,
        }));
        Assert.Contains("its own tools", backup.DisplayDescription, StringComparison.Ordinal);
    }

    [Fact]
    public void A_publish_has_no_check_no_held_init_and_no_upgrade_commands()
    {
        using var test = TestApp.CreateForPublish();
        var airflow = test.AddAirflowWithDatabase();
        var model = test.BuildModel();

        Assert.Empty(model.Resources.OfType<AirflowMigrationCheckResource>());
        var init = airflow.Resource.Components[AirflowRole.Init];
        Assert.Empty(init.Annotations.OfType<ExplicitStartupAnnotation>());
        Assert.DoesNotContain(init.Annotations.OfType<ResourceCommandAnnotation>(), c => c.Name.StartsWith("airflow-", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("ask", false)]
    [InlineData("migrate", true)]
    [InlineData(" Migrate ", true)]
    public void The_upgrade_setting_asks_unless_it_says_migrate(string? value, bool migrates) =>
        Assert.Equal(migrates ? AirflowUpgradeMode.Migrate : AirflowUpgradeMode.Ask, AirflowUpgradeSetting.Read(Configuration(value)));

    [Fact]
    public void Another_upgrade_setting_is_an_error_naming_the_setting_and_its_values()
    {
        var error = Assert.Throws<DistributedApplicationException>(() => AirflowUpgradeSetting.Read(Configuration("yes")));
        Assert.Equal(
            "The setting AirflowAspire:Upgrade is 'yes'; set it to 'migrate' (migrate a database an older Airflow used without asking) " +
            "or 'ask' (wait for the dashboard's \"Migrate now\", the default), or remove it.",
            error.Message);
    }

    [Fact]
    public void A_backup_file_is_named_after_the_database_and_the_utc_time()
    {
        Assert.Equal("airflow-20261205-093501Z.sql", DatabaseBackup.FileName("airflow", new DateTime(2026, 12, 5, 9, 35, 1, DateTimeKind.Utc)));
        Assert.Equal("my_db_x-20261205-093501Z.sql", DatabaseBackup.FileName("my/db x", new DateTime(2026, 12, 5, 9, 35, 1, DateTimeKind.Utc)));
        Assert.DoesNotContain("PASSWORD=", DatabaseBackup.DumpScript.Replace("PGPASSWORD=\"$POSTGRES_PASSWORD\"", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(string? value) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [AirflowUpgradeSetting.Key] = value }).Build();

    private static ResourceCommandAnnotation Command(IResource resource, string name) =>
        resource.Annotations.OfType<ResourceCommandAnnotation>().Single(c => c.Name == name);
}
