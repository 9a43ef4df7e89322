using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AirflowAspire.Hosting.Airflow.Upgrade;

/// <summary>
/// In a local run, <c>{name}-init</c> does not start by itself (Aspire's explicit start): <c>{name}-migration-check</c>
/// asks Airflow first whether the database needs migrating. A fresh or current database starts the init at once; one an
/// older Airflow migrated holds it as <see cref="AirflowUpgradeStates.UpgradePending"/>, with "Back up database" and
/// "Migrate now" among its commands, unless <see cref="AirflowUpgradeSetting.Key"/> says to migrate. Every other
/// component already waits for the init to finish. Without a container runtime the local fallback replaces the init and
/// removes the check, and the init migrates as before.
/// </summary>
internal static class AirflowUpgradeGate
{
    /// <summary>How long the check's log may lag behind its exit before its output counts as incomplete.</summary>
    private static readonly TimeSpan LogGrace = TimeSpan.FromSeconds(15);

    public static void Add(IResourceBuilder<AirflowResource> airflow)
    {
        var builder = airflow.ApplicationBuilder;
        if (!builder.ExecutionContext.IsRunMode)
        {
            return;
        }

        var check = MigrationCheckContainer.Add(airflow);
        var appHostDirectory = builder.AppHostDirectory;
        airflow.WithComponent(AirflowRole.Init, init => AirflowUpgradeCommands.Add(init.WithExplicitStart(), appHostDirectory));

        var configuration = builder.Configuration;
        builder.Eventing.Subscribe<BeforeStartEvent>((_, _) =>
        {
            AirflowUpgradeSetting.Read(configuration);
            return Task.CompletedTask;
        });

        check.OnBeforeResourceStarted((resource, e, starting) =>
        {
            var stopping = e.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            _ = Task.Run(() => FollowCheckAsync(resource, e.Services, stopping));
            return Task.CompletedTask;
        });
    }

    private static async Task FollowCheckAsync(AirflowMigrationCheckResource check, IServiceProvider services, CancellationToken cancellationToken)
    {
        var init = check.Parent.Components[AirflowRole.Init];
        var logger = services.GetRequiredService<ResourceLoggerService>().GetLogger(init);
        try
        {
            var preview = await RunCheckAsync(check, services, cancellationToken).ConfigureAwait(false);
            await DecideAsync(init, preview, services, logger, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            logger.LogError(e, "The migration check's outcome could not be applied; start {Init} with \"Migrate now\" or Start.", init.Name);
        }
    }

    /// <summary>Reads the check's log while it runs, waits for it to end, and tells what its output says.</summary>
    private static async Task<MigrationPreview> RunCheckAsync(AirflowMigrationCheckResource check, IServiceProvider services, CancellationToken cancellationToken)
    {
        var log = new MigrationCheckLog();
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var read = log.ReadAsync(services.GetRequiredService<ResourceLoggerService>(), check, reading.Token);

        var ended = await services.GetRequiredService<ResourceNotificationService>()
            .WaitForResourceAsync(check.Name, e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), cancellationToken)
            .ConfigureAwait(false);
        try
        {
            await read.WaitAsync(LogGrace, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await reading.CancelAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }

        if (log.ExitCode is { } exitCode)
        {
            return MigrationPreviewParser.Parse(log.Output, log.Errors, exitCode, check.Parent.Version);
        }

        var state = ended.Snapshot.State?.Text;
        return new MigrationPreview.NotAsked(ended.Snapshot.ExitCode is { } code
            ? $"{check.Name} ended ({state}, exit code {code}) before it printed its result{LastLine(log.Errors)}"
            : $"{check.Name} did not run ({state})");
    }

    private static async Task DecideAsync(
        AirflowComponentResource init, MigrationPreview preview, IServiceProvider services, ILogger logger, CancellationToken cancellationToken)
    {
        var notifications = services.GetRequiredService<ResourceNotificationService>();
        if (ResourceReplacementAnnotation.Current(init) != init
            || !notifications.TryGetCurrentState(init.Name, out var current) || !AirflowUpgradeStates.IsHeld(current.Snapshot.State?.Text))
        {
            // Replaced (no container runtime), or started by hand meanwhile: nothing to hold.
            return;
        }

        var mode = AirflowUpgradeSetting.Read(services.GetRequiredService<IConfiguration>());
        var image = ImageOf(init);
        switch (preview)
        {
            case MigrationPreview.UpToDate:
                logger.LogInformation("Migration check: the database is at the migration head of {Image}; starting.", image);
                break;
            case MigrationPreview.FreshDatabase:
                logger.LogInformation("Migration check: no Airflow has migrated the database yet; {Image} migrates it now.", image);
                break;
            case MigrationPreview.NotAsked notAsked:
                logger.LogWarning("Migration check: {Reason}; starting as without the check (see its console log).", notAsked.Reason);
                break;
            case MigrationPreview.Pending pending when mode == AirflowUpgradeMode.Migrate:
                logger.LogWarning("Migration check: the database is at revision {From}; {Image} migrates it to {To} now, without asking ({Setting}=migrate).",
                    pending.DatabaseRevision, image, pending.ImageRevision, AirflowUpgradeSetting.Key);
                break;
            case MigrationPreview.Unknown unknown when mode == AirflowUpgradeMode.Migrate:
                logger.LogWarning("Migration check: {Reason}; migrating anyway ({Setting}=migrate).", unknown.Reason, AirflowUpgradeSetting.Key);
                break;
            case MigrationPreview.Pending pending:
                await HoldAsync(notifications, logger, init, AirflowUpgradeStates.UpgradePending,
                    $"The database is at revision {pending.DatabaseRevision}, which an older Airflow migrated; {image} would migrate it to {pending.ImageRevision}, " +
                    "and an older Airflow cannot use it afterwards: only a backup taken before restores it.",
                    [
                        new(AirflowUpgradeStates.DatabaseRevisionProperty, pending.DatabaseRevision),
                        new(AirflowUpgradeStates.ImageProperty, image),
                        new(AirflowUpgradeStates.ImageRevisionProperty, pending.ImageRevision),
                    ]).ConfigureAwait(false);
                return;
            case MigrationPreview.Newer newer:
                await HoldAsync(notifications, logger, init, AirflowUpgradeStates.DatabaseNewer,
                    $"The database is at revision {newer.DatabaseRevision}, which Airflow {newer.MigratedBy} or later migrated; {image} runs Airflow {init.Parent.Version}, " +
                    "whose migration cannot take a database back. Nothing was changed.",
                    [
                        new(AirflowUpgradeStates.DatabaseRevisionProperty, newer.DatabaseRevision),
                        new(AirflowUpgradeStates.ImageProperty, image),
                    ],
                    $"Run Airflow {newer.MigratedBy} or later (.WithVersion(\"{newer.MigratedBy}\") on '{init.Parent.Name}'), or restore a backup taken before that upgrade into the database; then restart.")
                    .ConfigureAwait(false);
                return;
            case MigrationPreview.Unknown unknown:
                await HoldAsync(notifications, logger, init, AirflowUpgradeStates.CheckFailed,
                    $"Whether the database needs migrating is unknown: {unknown.Reason} (see the console log of {init.Parent.Name}-migration-check).",
                    [new(AirflowUpgradeStates.ImageProperty, image)]).ConfigureAwait(false);
                return;
        }

        await GoAheadAsync(init, services, cancellationToken).ConfigureAwait(false);
    }

    private static async Task HoldAsync(
        ResourceNotificationService notifications, ILogger logger, AirflowComponentResource init, string state, string what, ResourcePropertySnapshot[] details,
        string? next = null)
    {
        next ??= $"Back up database, then Migrate now (commands of {init.Name}); nothing else starts before it. {AirflowUpgradeSetting.HowToSkipAsking}";
        logger.LogWarning("{State}: {What}", state, what);
        logger.LogWarning("{Next}", next);
        await notifications.PublishUpdateAsync(init, s => s with
        {
            State = new ResourceStateSnapshot(state, KnownResourceStateStyles.Warn),
            Properties = [.. WithoutUpgradeProperties(s.Properties), new(AirflowUpgradeStates.WhatProperty, what), .. details, new(AirflowUpgradeStates.NextProperty, next)],
        }).ConfigureAwait(false);
    }

    /// <summary>Starts the init through Aspire's own Start command; its waits (database, broker) still apply.</summary>
    public static async Task<ExecuteCommandResult> GoAheadAsync(AirflowComponentResource init, IServiceProvider services, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<ResourceNotificationService>()
            .PublishUpdateAsync(init, s => s with { Properties = [.. WithoutUpgradeProperties(s.Properties)] }).ConfigureAwait(false);
        return await services.GetRequiredService<ResourceCommandService>()
            .ExecuteCommandAsync(init, KnownResourceCommands.StartCommand, cancellationToken).ConfigureAwait(false);
    }

    private static IEnumerable<ResourcePropertySnapshot> WithoutUpgradeProperties(IEnumerable<ResourcePropertySnapshot> properties) =>
        properties.Where(p => !p.Name.StartsWith(AirflowUpgradeStates.PropertyPrefix, StringComparison.Ordinal));

    private static string ImageOf(AirflowComponentResource init) =>
        init.Annotations.OfType<ContainerImageAnnotation>().LastOrDefault() is { } image
            ? $"{(string.IsNullOrEmpty(image.Registry) ? "" : image.Registry + "/")}{image.Image}:{image.Tag}"
            : init.Parent.Image.Reference;

    private static string LastLine(IReadOnlyList<string> lines) =>
        lines.LastOrDefault(l => !string.IsNullOrWhiteSpace(l)) is { } last ? $": {last.Trim()}" : "";
}
