using AirflowAspire.Hosting.Airflow;
using k8s.Models;

namespace AirflowAspire.Hosting.Kubernetes.Airflow;

/// <summary>
/// <c>migrations.yaml</c>: the Job that migrates the metadata database (<c>airflow db migrate</c>) and then
/// creates the first admin user, the password read from the Secret. Every other Airflow pod waits for it with
/// <c>airflow db check-migrations</c>. The finished Job is removed after five minutes, as the chart does, so the
/// next <c>kubectl apply -k</c> (e.g. with a new image) runs it again.
/// </summary>
internal static class AirflowMigrations
{
    public const string MigrateContainer = "migrate";
    public const string CreateUserContainer = "create-user";

    public static KubernetesFile Render(AirflowCluster cluster)
    {
        var spec = new V1PodSpec
        {
            SecurityContext = AirflowPods.SecurityContext(),
            RestartPolicy = "OnFailure",
            InitContainers = [Migrate(cluster)],
            Containers = [CreateUser(cluster)],
        };
        AirflowPods.ApplyServiceAccount(cluster, spec, usesApi: false);

        var job = new V1Job
        {
            ApiVersion = "batch/v1",
            Kind = "Job",
            Metadata = cluster.Metadata(AirflowRole.Init),
            Spec = new V1JobSpec
            {
                BackoffLimit = 6,
                TtlSecondsAfterFinished = 300,
                Template = new V1PodTemplateSpec
                {
                    // No configuration checksum: a Job's pod template cannot change while the Job exists.
                    Metadata = new V1ObjectMeta
                    {
                        Labels = cluster.Context.Labels(cluster.Component(AirflowRole.Init), cluster.ComponentLabel(AirflowRole.Init)),
                    },
                    Spec = spec,
                },
            },
        };
        return new KubernetesFile(cluster.FilePath("migrations"), [job]);
    }

    /// <summary>The migration, then the first user: as containers of their own, and as the shell commands they run.</summary>
    public static IReadOnlyList<FirstStep> FirstSteps(AirflowCluster cluster) =>
    [
        new(Migrate(cluster), "airflow " + KubeletShell.Command(AirflowClusterFacts.MigrateArgs)),
        new(CreateUser(cluster), AirflowPools.InitScript(cluster.Airflow)),
    ];

    /// <summary>Migrates the database; the image's entrypoint first waits until the database answers.</summary>
    public static V1Container Migrate(AirflowCluster cluster)
    {
        var container = AirflowContainers.Container(cluster, AirflowRole.Init, MigrateContainer, [.. AirflowClusterFacts.MigrateArgs], withProbes: false);
        container.Env = AirflowCluster.NullIfEmpty(container.Env?.Where(v => !IsAdminUserVariable(v.Name)).ToList() ?? []);
        return container;
    }

    /// <summary>
    /// Creates the admin user (<see cref="AirflowAdminUser"/>): the password, read from the Secret into the
    /// container's environment, goes to the command's prompt, never into its arguments; an existing user is kept.
    /// </summary>
    public static V1Container CreateUser(AirflowCluster cluster)
    {
        var container = AirflowContainers.Container(
            cluster, AirflowRole.Init, CreateUserContainer, ["bash", "-c", KubeletShell.EscapeForKubelet(AirflowPools.InitScript(cluster.Airflow))], withProbes: false);
        var env = container.Env ?? [];
        if (env.All(v => v.Name != AirflowAdminUser.PasswordVariable))
        {
            env.Insert(0, ClusterEnvironment.FromSecret(AirflowAdminUser.PasswordVariable, cluster.Secrets.AdminPassword, cluster.Context));
        }

        if (env.All(v => v.Name != AirflowAdminUser.UserNameVariable))
        {
            env.Add(new V1EnvVar { Name = AirflowAdminUser.UserNameVariable, Value = cluster.Airflow.AdminUserName });
        }

        container.Env = env;
        return container;
    }

    private static bool IsAdminUserVariable(string name) => name is AirflowAdminUser.UserNameVariable or AirflowAdminUser.PasswordVariable;

    /// <summary>A step before the components start: its container, and the same step as one shell command for a pod that runs it in another container.</summary>
    public sealed record FirstStep(V1Container Container, string ShellCommand);
}
