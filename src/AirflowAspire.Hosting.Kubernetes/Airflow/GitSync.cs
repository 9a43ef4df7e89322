using AirflowAspire.Hosting.Airflow;
using k8s.Models;

namespace AirflowAspire.Hosting.Kubernetes.Airflow;

/// <summary>
/// git-sync v4 beside the pods that read DAGs, as the official chart runs it: an init container clones once,
/// so the component starts with DAGs; a sidecar pulls every period. Both write into an emptyDir that the
/// Airflow container mounts read-only; git-sync swaps the <c>repo</c> link to each new checkout atomically.
/// </summary>
internal static class GitSync
{
    public const string ContainerName = "git-sync";
    public const string InitContainerName = "git-sync-init";

    /// <summary>Where git-sync writes inside its own container; Airflow sees the same folder at its DAG path.</summary>
    public const string Root = "/git";

    /// <summary>The link git-sync points at the current checkout.</summary>
    public const string Link = "repo";

    public static AirflowDagDelivery.GitSyncDelivery? Delivery(AirflowResource airflow) => airflow.DagDelivery as AirflowDagDelivery.GitSyncDelivery;

    /// <summary>The DAG folder Airflow reads: the checkout's link, and the sub-folder of the repository that holds the DAGs.</summary>
    public static string DagsFolder(AirflowDagDelivery.GitSyncDelivery git)
    {
        var subPath = git.SubPath.Trim('/');
        return $"{AirflowClusterFacts.DagsPath}/{Link}" + (subPath.Length == 0 ? string.Empty : "/" + subPath);
    }

    public static V1Container Container(AirflowDagDelivery.GitSyncDelivery git, bool init)
    {
        var env = new List<V1EnvVar>
        {
            new() { Name = "GITSYNC_REPO", Value = git.RepositoryUrl },
            new() { Name = "GITSYNC_REF", Value = git.Branch },
            new() { Name = "GITSYNC_ROOT", Value = Root },
            new() { Name = "GITSYNC_LINK", Value = Link },
            new() { Name = "GITSYNC_DEPTH", Value = "1" },
            new() { Name = "GITSYNC_PERIOD", Value = $"{git.PeriodSeconds}s" },
            new() { Name = "GITSYNC_MAX_FAILURES", Value = "0" },
            new() { Name = "GITSYNC_ONE_TIME", Value = init ? "true" : "false" },

            // The image's user is not in /etc/passwd, which ssh needs.
            new() { Name = "GITSYNC_ADD_USER", Value = "true" },
        };
        if (git.CredentialsSecret is { } secret)
        {
            env.Add(FromCredentials("GITSYNC_USERNAME", secret));
            env.Add(FromCredentials("GITSYNC_PASSWORD", secret));
        }

        var security = KubernetesSecurity.Container();
        security.RunAsUser = AirflowClusterFacts.GitSyncUser;
        return new V1Container
        {
            Name = init ? InitContainerName : ContainerName,
            Image = AirflowClusterFacts.GitSyncImage,
            ImagePullPolicy = "IfNotPresent",
            Env = env,
            Resources = KubernetesResources.For(KubernetesResources.Default),
            SecurityContext = security,
            VolumeMounts = [new V1VolumeMount { Name = AirflowPodVolumes.DagsVolume, MountPath = Root }],
        };
    }

    private static V1EnvVar FromCredentials(string key, string secret) => new()
    {
        Name = key,
        ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = secret, Key = key } },
    };
}
