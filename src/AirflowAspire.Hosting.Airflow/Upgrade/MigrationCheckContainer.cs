namespace AirflowAspire.Hosting.Airflow.Upgrade;

/// <summary>
/// Adds <c>{name}-migration-check</c> (<see cref="AirflowMigrationCheckResource"/>) and, once the model is final,
/// gives it what <c>{name}-init</c> has: image, environment, waits (the database, the broker). It runs
/// <c>airflow db migrate --show-sql-only</c>, which prints SQL and changes nothing, through the image's entrypoint,
/// which waits for the database first, as for the init.
/// </summary>
internal static class MigrationCheckContainer
{
    public const string ExitMarker = "airflowaspire-migration-check-exit ";

    /// <summary>
    /// The exit status comes last on standard output, so the reader of its log knows the output is complete; Airflow's
    /// errors (a traceback on standard error) join standard output, since the two streams reach the log in no set order.
    /// </summary>
    public static readonly string Script =
        $"""
        airflow db migrate --show-sql-only 2>&1
        status=$?
        echo "{ExitMarker}$status"
        exit $status
        """;

    /// <summary>
    /// What the check must not get from the init: the official image's entrypoint migrates for any non-empty
    /// <c>_AIRFLOW_DB_MIGRATE</c> or <c>_AIRFLOW_DB_UPGRADE</c> and creates a user for <c>_AIRFLOW_WWW_USER_CREATE</c>
    /// (scripts/docker/entrypoint_prod.sh); the admin's name and password have no use here.
    /// </summary>
    private static readonly string[] InitOnlyVariables =
        ["_AIRFLOW_DB_MIGRATE", "_AIRFLOW_DB_UPGRADE", "_AIRFLOW_WWW_USER_CREATE", AirflowAdminUser.UserNameVariable, AirflowAdminUser.PasswordVariable];

    public static IResourceBuilder<AirflowMigrationCheckResource> Add(IResourceBuilder<AirflowResource> airflow)
    {
        var builder = airflow.ApplicationBuilder;
        var image = airflow.Resource.Image;
        var check = builder.AddResource(new AirflowMigrationCheckResource($"{airflow.Resource.Name}-migration-check", airflow.Resource))
            .WithAnnotation(new ContainerImageAnnotation { Registry = image.Registry, Image = image.Image, Tag = image.Tag })
            .WithIconName("DatabaseSearch")
            .WithArgs("bash", "-c", Script)
            .ExcludeFromManifest();

        builder.Eventing.Subscribe<BeforeStartEvent>((_, _) =>
        {
            CopyFromInit(airflow.Resource.Components[AirflowRole.Init], check.Resource);
            return Task.CompletedTask;
        });
        return check;
    }

    /// <summary>The init's image, environment and waits, as the settings and WithComponent left them, less <see cref="InitOnlyVariables"/>.</summary>
    internal static void CopyFromInit(AirflowComponentResource init, AirflowMigrationCheckResource check)
    {
        foreach (var image in check.Annotations.OfType<ContainerImageAnnotation>().ToList())
        {
            check.Annotations.Remove(image);
        }

        var initImage = init.Annotations.OfType<ContainerImageAnnotation>().Last();
        check.Annotations.Add(new ContainerImageAnnotation { Registry = initImage.Registry, Image = initImage.Image, Tag = initImage.Tag });
        // New annotations that call the init's callbacks: Aspire keeps what an annotation evaluated to, so one shared by
        // two resources would give the second the first one's result.
        foreach (var environment in init.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            check.Annotations.Add(new EnvironmentCallbackAnnotation(context => environment.Callback(context)));
        }

        foreach (var wait in init.Annotations.OfType<WaitAnnotation>())
        {
            check.Annotations.Add(new WaitAnnotation(wait.Resource, wait.WaitType, wait.ExitCode));
        }

        check.Annotations.Add(new EnvironmentCallbackAnnotation(context =>
        {
            foreach (var variable in InitOnlyVariables)
            {
                context.EnvironmentVariables.Remove(variable);
            }
        }));
    }
}
