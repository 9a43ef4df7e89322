namespace AirflowAspire.DagPackager.Build;

/// <summary>The labels a DagPackager image carries: OCI's standard ones, and the DAG hash and Airflow version.</summary>
internal static class ImageLabels
{
    public const string Source = "org.opencontainers.image.source";
    public const string Revision = "org.opencontainers.image.revision";
    public const string Version = "org.opencontainers.image.version";
    public const string BaseName = "org.opencontainers.image.base.name";
    public const string DagHash = "io.airflowaspire.dag-hash";
    public const string AirflowVersion = "io.airflowaspire.airflow-version";

    /// <summary>
    /// In a fixed order. Source and revision come from the project's git repository ("unknown" outside one);
    /// they describe the build, so they are labels and not part of the content hash.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> For(string projectDirectory, string dagHash, string tag, AirflowRelease airflow, string baseImage)
    {
        var git = GitInfo.Read(projectDirectory);
        return
        [
            new(Source, git.Source),
            new(Revision, git.Revision),
            new(Version, tag),
            new(BaseName, baseImage),
            new(DagHash, dagHash),
            new(AirflowVersion, airflow.Version),
        ];
    }
}
