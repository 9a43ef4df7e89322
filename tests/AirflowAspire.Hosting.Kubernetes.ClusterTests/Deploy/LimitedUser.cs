using System.Text;
using k8s;
using k8s.Models;

namespace AirflowAspire.Hosting.Kubernetes.ClusterTests.Deploy;

/// <summary>
/// A user of the test cluster who may only read namespaces, and ConfigMaps in the target's namespace: a
/// ServiceAccount with such a ClusterRole and Role, and a kubeconfig with its token (Kubernetes 1.20 makes a token
/// Secret for every ServiceAccount). Disposing deletes the cluster-wide role and binding.
/// </summary>
internal sealed class LimitedUser : IAsyncDisposable
{
    private readonly IKubernetes client;

    private readonly string clusterRole;

    private LimitedUser(IKubernetes client, string clusterRole, string kubeconfig)
    {
        this.client = client;
        this.clusterRole = clusterRole;
        Kubeconfig = kubeconfig;
    }

    public string Kubeconfig { get; }

    public async ValueTask DisposeAsync()
    {
        await KubernetesApi.FindAsync(() => client.RbacAuthorizationV1.DeleteClusterRoleBindingAsync(clusterRole));
        await KubernetesApi.FindAsync(() => client.RbacAuthorizationV1.DeleteClusterRoleAsync(clusterRole));
    }

    public static async Task<LimitedUser> CreateAsync(DeployTarget target, string folder)
    {
        var client = target.Client;
        var ns = target.Namespace;
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        await client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "reader" } }, ns);
        await client.RbacAuthorizationV1.CreateNamespacedRoleAsync(new V1Role
        {
            Metadata = new V1ObjectMeta { Name = "reader" },
            Rules = [new V1PolicyRule { ApiGroups = [""], Resources = ["configmaps"], Verbs = ["get", "list"] }],
        }, ns);
        await client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(new V1RoleBinding
        {
            Metadata = new V1ObjectMeta { Name = "reader" },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = "reader" },
            Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = "reader", NamespaceProperty = ns }],
        }, ns);
        var clusterRole = $"{ns}-namespace-reader";
        await client.RbacAuthorizationV1.CreateClusterRoleAsync(new V1ClusterRole
        {
            Metadata = new V1ObjectMeta { Name = clusterRole },
            Rules = [new V1PolicyRule { ApiGroups = [""], Resources = ["namespaces"], Verbs = ["get", "list"] }],
        });
        await client.RbacAuthorizationV1.CreateClusterRoleBindingAsync(new V1ClusterRoleBinding
        {
            Metadata = new V1ObjectMeta { Name = clusterRole },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = clusterRole },
            Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = "reader", NamespaceProperty = ns }],
        });

        var token = await Poll.UntilAsync("the reader's token", TimeSpan.FromSeconds(60), async () =>
        {
            var account = await client.CoreV1.ReadNamespacedServiceAccountAsync("reader", ns);
            if (account.Secrets?.FirstOrDefault()?.Name is not { } secretName)
            {
                return null;
            }

            var secret = await client.CoreV1.ReadNamespacedSecretAsync(secretName, ns);
            return secret.Data?.TryGetValue("token", out var bytes) == true ? Encoding.UTF8.GetString(bytes) : null;
        }, () => Task.FromResult("The controller-manager makes it; is it running?"));

        var path = Path.Combine(folder, "reader-kubeconfig");
        var ca = target.Cluster.Configuration.SslCaCerts?.Cast<System.Security.Cryptography.X509Certificates.X509Certificate2>().FirstOrDefault();
        var caData = ca is null ? string.Empty : Convert.ToBase64String(Encoding.ASCII.GetBytes(ca.ExportCertificatePem()));
        await File.WriteAllTextAsync(path, $"""
            apiVersion: v1
            kind: Config
            clusters: [{"{"}name: test, cluster: {"{"}server: "{target.Cluster.Configuration.Host}", certificate-authority-data: "{caData}"{"}"}{"}"}]
            users: [{"{"}name: reader, user: {"{"}token: "{token}"{"}"}{"}"}]
            contexts: [{"{"}name: reader, context: {"{"}cluster: test, user: reader{"}"}{"}"}]
            current-context: reader
            """);
        return new LimitedUser(client, clusterRole, path);
    }
}
