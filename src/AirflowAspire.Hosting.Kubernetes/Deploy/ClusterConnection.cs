using k8s;
using k8s.Exceptions;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// Finds the cluster to deploy to as kubectl does: the kubeconfig <c>--kubeconfig</c> names, else the files <c>KUBECONFIG</c> lists, else
/// <c>~/.kube/config</c>, in its current context or the one the model or <c>--kube-context</c> names; inside a
/// pod with neither, the pod's service account. Every failure names where it looked and the fix.
/// </summary>
internal static class ClusterConnection
{
    public static ClusterApi Open(DeploySwitches switches)
    {
        var configuration = Configuration(switches.KubeContext, switches.Kubeconfig);
        var client = new k8s.Kubernetes(configuration);
        return new ClusterApi(client, configuration.Host.TrimEnd('/'));
    }

    /// <summary>The kubeconfig files in effect: <c>KUBECONFIG</c>'s list (those that exist are merged as kubectl merges them), else <c>~/.kube/config</c>.</summary>
    public static IReadOnlyList<string> KubeconfigFiles(string? named = null)
    {
        var listed = named ?? Environment.GetEnvironmentVariable("KUBECONFIG");
        if (!string.IsNullOrWhiteSpace(listed))
        {
            return listed.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        return [Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config")];
    }

    private static KubernetesClientConfiguration Configuration(string? context, string? kubeconfig)
    {
        var files = KubeconfigFiles(kubeconfig).Where(File.Exists).Select(f => new FileInfo(f)).ToArray();
        if (files.Length == 0)
        {
            if (context is null && KubernetesClientConfiguration.IsInCluster())
            {
                return KubernetesClientConfiguration.InClusterConfig();
            }

            throw new DistributedApplicationException(
                $"No kubeconfig to deploy with: {string.Join(", ", KubeconfigFiles(kubeconfig))} does not exist. Point KUBECONFIG at your cluster's " +
                "kubeconfig (e.g. the one kind, minikube or your cloud's CLI writes), or create ~/.kube/config.");
        }

        try
        {
            var merged = KubeconfigMerge.Load(files);
            if (context is not null && merged.Contexts?.All(c => c.Name != context) != false)
            {
                throw new DistributedApplicationException(
                    $"The kubeconfig ({string.Join(", ", files.Select(f => f.FullName))}) has no context '{context}'; it has " +
                    $"{string.Join(", ", merged.Contexts?.Select(c => $"'{c.Name}'") ?? [])}. Name one of them with --kube-context or WithKubeContext.");
            }

            if (context is null && string.IsNullOrEmpty(merged.CurrentContext))
            {
                throw new DistributedApplicationException(
                    $"The kubeconfig ({string.Join(", ", files.Select(f => f.FullName))}) sets no current context; choose one with " +
                    "`kubectl config use-context NAME`, --kube-context NAME or WithKubeContext(\"NAME\").");
            }

            return KubernetesClientConfiguration.BuildConfigFromConfigObject(merged, context);
        }
        catch (Exception e) when (e is KubeConfigException or IOException or System.Security.Cryptography.CryptographicException)
        {
            throw new DistributedApplicationException(
                $"The kubeconfig ({string.Join(", ", files.Select(f => f.FullName))}) cannot be used: {e.Message}", e);
        }
    }
}
