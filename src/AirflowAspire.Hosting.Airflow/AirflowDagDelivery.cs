using Microsoft.Extensions.Configuration;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// How DAG files reach Airflow's pods in a cluster. Local runs always mount the folder given to WithDags.
/// </summary>
public abstract record AirflowDagDelivery
{
    private AirflowDagDelivery()
    {
    }

    /// <summary>The mode's name, as configuration writes it: <c>baked</c>, <c>git-sync</c> or <c>volume</c>.</summary>
    public abstract string Mode { get; }

    /// <summary>The DAGs are in the image (the default): the one DagPackager builds and tags by content.</summary>
    public static AirflowDagDelivery Baked { get; } = new BakedDelivery();

    /// <summary>A git-sync sidecar (and an init container for the first clone) keeps a checkout of the repository.</summary>
    /// <param name="repositoryUrl">What git clones, e.g. <c>https://github.com/org/dags.git</c>.</param>
    /// <param name="branch">The branch to follow.</param>
    /// <param name="subPath">The folder inside the repository that holds the DAGs; empty for its root.</param>
    /// <param name="periodSeconds">How often git-sync pulls.</param>
    /// <param name="credentialsSecret">A Secret with <c>GITSYNC_USERNAME</c> and <c>GITSYNC_PASSWORD</c> for private repositories.</param>
    public static AirflowDagDelivery GitSync(
        string repositoryUrl, string branch = "main", string subPath = "", int periodSeconds = 60, string? credentialsSecret = null) =>
        new GitSyncDelivery(repositoryUrl, branch, subPath, periodSeconds, credentialsSecret);

    /// <summary>A ReadWriteMany volume every Airflow pod mounts; something else (CI, a job) writes the DAGs into it.</summary>
    /// <param name="size">The claim's size.</param>
    /// <param name="storageClass">A storage class that supports ReadWriteMany; null for the cluster's default.</param>
    public static AirflowDagDelivery Volume(string size = "1Gi", string? storageClass = null) => new VolumeDelivery(size, storageClass);

    /// <summary>
    /// Reads <c>DagDelivery</c> (and for git-sync <c>GitRepository</c>, <c>GitBranch</c>, <c>GitSubPath</c>) from
    /// <paramref name="section"/>; null when the section does not set a mode.
    /// </summary>
    public static AirflowDagDelivery? FromConfiguration(IConfigurationSection section)
    {
        var mode = section["DagDelivery"];
        if (string.IsNullOrWhiteSpace(mode))
        {
            return null;
        }

        return mode.Trim().ToLowerInvariant() switch
        {
            "baked" or "image" => Baked,
            "git-sync" or "gitsync" => GitSync(
                section["GitRepository"] ?? string.Empty,
                section["GitBranch"] is { Length: > 0 } branch ? branch : "main",
                section["GitSubPath"] ?? string.Empty),
            "volume" => Volume(section["DagVolumeSize"] is { Length: > 0 } size ? size : "1Gi", section["DagVolumeStorageClass"]),
            _ => throw new DistributedApplicationException(
                $"{section.Path}:DagDelivery is '{mode}', which is not a DAG delivery mode. Use one of: baked, git-sync, volume."),
        };
    }

    /// <summary>Throws, naming the Airflow resource and the fix, when the settings cannot work.</summary>
    internal abstract void ThrowIfInvalid(string airflowName);

    public sealed record BakedDelivery : AirflowDagDelivery
    {
        public override string Mode => "baked";

        internal override void ThrowIfInvalid(string airflowName)
        {
        }
    }

    public sealed record GitSyncDelivery(string RepositoryUrl, string Branch, string SubPath, int PeriodSeconds, string? CredentialsSecret)
        : AirflowDagDelivery
    {
        public override string Mode => "git-sync";

        internal override void ThrowIfInvalid(string airflowName)
        {
            if (string.IsNullOrWhiteSpace(RepositoryUrl))
            {
                throw new DistributedApplicationException(
                    $"Airflow '{airflowName}' delivers DAGs with git-sync but has no repository URL; " +
                    $"give one: AirflowDagDelivery.GitSync(\"https://github.com/org/dags.git\"), or set Airflow:{airflowName}:GitRepository.");
            }

            if (!Uri.TryCreate(RepositoryUrl, UriKind.Absolute, out _) && !RepositoryUrl.Contains('@'))
            {
                throw new DistributedApplicationException(
                    $"Airflow '{airflowName}': the git-sync repository '{RepositoryUrl}' is not a URL; use https://... or git@host:org/repo.git.");
            }

            if (string.IsNullOrWhiteSpace(Branch) || PeriodSeconds < 1)
            {
                throw new DistributedApplicationException(
                    $"Airflow '{airflowName}': git-sync needs a branch and a period of at least 1 second (got '{Branch}', {PeriodSeconds} s).");
            }
        }
    }

    public sealed record VolumeDelivery(string Size, string? StorageClass) : AirflowDagDelivery
    {
        public override string Mode => "volume";

        internal override void ThrowIfInvalid(string airflowName) => AirflowVolume.ThrowIfInvalidSize(Size, airflowName, "DAG volume");
    }
}
