using AirflowAspire.Hosting.Airflow.Commands;
using Microsoft.Extensions.DependencyInjection;

namespace AirflowAspire.Hosting.Airflow.Upgrade;

/// <summary>The init's dashboard commands for an upgrade: back the database up, then let the migration go ahead.</summary>
internal static class AirflowUpgradeCommands
{
    public const string BackUpDatabase = "airflow-backup-database";
    public const string MigrateNow = "airflow-migrate-now";

    public static void Add(IResourceBuilder<AirflowComponentResource> init, string appHostDirectory)
    {
        var airflow = init.Resource.Parent;
        var backingUp = new OneAtATime();
        init.WithCommand(BackUpDatabase, "Back up database", context => backingUp.RunAsync(
                () => DatabaseBackup.RunAsync(airflow, appHostDirectory, context),
                () => CommandResults.Failure("A backup is already running; this one was not started. Its result shows when it ends.")),
            new CommandOptions
            {
                Description =
                    $"`pg_dump` of the metadata database in its Postgres server's container, written to {Path.Combine(DatabaseBackup.FolderName, "<database>-<UTC time>.sql")} " +
                    "in the AppHost's folder; restore it with psql. A database outside the model: back it up with its own tools.",
                IconName = "DatabaseArrowDown",
                UpdateState = _ => airflow.Database is null ? ResourceCommandState.Disabled : ResourceCommandState.Enabled,
            });

        var migrateOptions = new CommandOptions
        {
            Description = $"Starts {init.Resource.Name}, which migrates the metadata database to this image's Airflow. {AirflowUpgradeSetting.HowToSkipAsking}",
            IconName = "DatabaseArrowUp",
            UpdateState = context => AirflowUpgradeStates.AsksForGoAhead(context.ResourceSnapshot.State?.Text) ? ResourceCommandState.Enabled : ResourceCommandState.Hidden,
            ConfirmationMessage =
                "Migrate the metadata database to this image's Airflow? An older Airflow cannot use it afterwards, and the migration cannot be undone: " +
                "only a backup taken before it (Back up database) brings the old database back.",
        };
        init.WithCommand(MigrateNow, "Migrate now", context => MigrateNowAsync(init.Resource, context), migrateOptions);
    }

    private static async Task<ExecuteCommandResult> MigrateNowAsync(AirflowComponentResource init, ExecuteCommandContext context)
    {
        var notifications = context.Services.GetRequiredService<ResourceNotificationService>();
        var state = notifications.TryGetCurrentState(init.Name, out var current) ? current.Snapshot.State?.Text : null;
        if (!AirflowUpgradeStates.AsksForGoAhead(state))
        {
            return CommandResults.Failure($"{init.Name} is not waiting for a migration's go-ahead (it is {state ?? "not started"}); nothing was started.");
        }

        var started = await AirflowUpgradeGate.GoAheadAsync(init, context.Services, context.CancellationToken).ConfigureAwait(false);
        return started.Success
            ? CommandResults.Success($"{init.Name} started: it migrates the database, then the other components start.")
            : started;
    }
}
