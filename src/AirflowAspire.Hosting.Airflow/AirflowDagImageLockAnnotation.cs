namespace Aspire.Hosting.ApplicationModel;

/// <summary>The DAG image lock an Airflow resource runs the image of (an absolute path), and the Airflow version it names.</summary>
/// <param name="IsExplicit">Named with WithDagImageLock, rather than found beside the AppHost.</param>
public sealed record AirflowDagImageLockAnnotation(string Path, AirflowVersion? LockedVersion, bool IsExplicit) : IResourceAnnotation;
