namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// In a local run, the run-once container that asks Airflow, before <c>{name}-init</c> migrates, whether the metadata
/// database needs migrating (<c>airflow db migrate --show-sql-only</c>): the same image and environment as the init,
/// without the migration. Nested under its <see cref="AirflowResource"/>; published outputs do not have it.
/// </summary>
public sealed class AirflowMigrationCheckResource(string name, AirflowResource parent)
    : ContainerResource(name), IResourceWithParent<AirflowResource>
{
    public AirflowResource Parent { get; } = parent;
}
