using k8s;
using k8s.KubeConfigModels;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// Several kubeconfig files read as one, as kubectl reads the files <c>KUBECONFIG</c> lists: the first file that sets
/// the current context decides it, and the first file that names a cluster, user or context gives its entry. A
/// file's relative paths (certificates, keys, credential plugins) stay relative to that file.
/// </summary>
internal static class KubeconfigMerge
{
    public static K8SConfiguration Load(IReadOnlyList<FileInfo> files)
    {
        var merged = new K8SConfiguration { Clusters = [], Users = [], Contexts = [] };
        foreach (var file in files)
        {
            var config = KubernetesClientConfiguration.LoadKubeConfig(file, useRelativePaths: false);
            Anchor(config, file.DirectoryName!);
            merged.CurrentContext = string.IsNullOrEmpty(merged.CurrentContext) ? config.CurrentContext : merged.CurrentContext;
            merged.Clusters = Union(merged.Clusters, config.Clusters, c => c.Name);
            merged.Users = Union(merged.Users, config.Users, u => u.Name);
            merged.Contexts = Union(merged.Contexts, config.Contexts, c => c.Name);
        }

        return merged;
    }

    private static List<T> Union<T>(IEnumerable<T>? first, IEnumerable<T>? then, Func<T, string> name)
    {
        var entries = (first ?? []).ToList();
        entries.AddRange((then ?? []).Where(entry => entries.All(e => name(e) != name(entry))));
        return entries;
    }

    private static void Anchor(K8SConfiguration config, string folder)
    {
        foreach (var endpoint in (config.Clusters ?? []).Select(c => c.ClusterEndpoint).OfType<ClusterEndpoint>())
        {
            endpoint.CertificateAuthority = Absolute(endpoint.CertificateAuthority, folder);
        }

        foreach (var credentials in (config.Users ?? []).Select(u => u.UserCredentials).OfType<UserCredentials>())
        {
            credentials.ClientCertificate = Absolute(credentials.ClientCertificate, folder);
            credentials.ClientKey = Absolute(credentials.ClientKey, folder);

            // A credential plugin named by a path, not looked up on PATH, is relative to the file too.
            if (credentials.ExternalExecution is { Command: { } command } exec && command.Contains('/', StringComparison.Ordinal))
            {
                exec.Command = Absolute(command, folder);
            }
        }
    }

    private static string? Absolute(string? path, string folder) =>
        string.IsNullOrEmpty(path) || Path.IsPathRooted(path) ? path : Path.GetFullPath(path, folder);
}
