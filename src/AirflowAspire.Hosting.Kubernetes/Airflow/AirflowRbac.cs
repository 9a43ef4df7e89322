using k8s.Models;

namespace AirflowAspire.Hosting.Kubernetes.Airflow;

/// <summary>
/// <c>rbac.yaml</c>, when tasks launch pods (KubernetesExecutor, KubernetesPodOperator): a ServiceAccount, a Role
/// in the deployment's namespace allowing exactly what launching and watching pods needs, and the RoleBinding.
/// Never a ClusterRole: the pods Airflow launches live in its own namespace.
/// </summary>
internal static class AirflowRbac
{
    public const string Component = "pod-launcher";

    public static KubernetesFile? Render(AirflowCluster cluster)
    {
        if (cluster.ServiceAccountName is not { } name)
        {
            return null;
        }

        var account = new V1ServiceAccount
        {
            ApiVersion = "v1",
            Kind = "ServiceAccount",
            Metadata = cluster.SharedMetadata(name, Component),
        };
        var role = new V1Role
        {
            ApiVersion = "rbac.authorization.k8s.io/v1",
            Kind = "Role",
            Metadata = cluster.SharedMetadata(name, Component),
            Rules =
            [
                // Start task pods, follow them, clean them up, and adopt or label them after a scheduler restart.
                Rule("pods", "create", "get", "list", "watch", "delete", "patch"),

                // Read a running task pod's log.
                Rule("pods/log", "get", "list"),

                // KubernetesPodOperator reads XCom from its sidecar.
                Rule("pods/exec", "create", "get"),

                // Report why a pod does not start.
                Rule("events", "list", "watch"),
            ],
        };
        var binding = new V1RoleBinding
        {
            ApiVersion = "rbac.authorization.k8s.io/v1",
            Kind = "RoleBinding",
            Metadata = cluster.SharedMetadata(name, Component),
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = name },
            Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = name, NamespaceProperty = cluster.Context.Namespace }],
        };
        return new KubernetesFile(cluster.FilePath("rbac"), [account, role, binding]);
    }

    private static V1PolicyRule Rule(string resource, params string[] verbs) =>
        new() { ApiGroups = [string.Empty], Resources = [resource], Verbs = verbs };
}
