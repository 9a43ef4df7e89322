using AirflowAspire.Hosting.Airflow;

namespace AirflowAspire.Hosting.Kubernetes.Airflow;

/// <summary>
/// The namespace a KubernetesExecutor requires: it starts task pods in its own namespace, and they must run where
/// the RBAC and the Airflow components are. So every executor of one publish names the same one, and a
/// <c>--namespace</c> that differs from it is an error.
/// </summary>
internal static class AirflowNamespace
{
    public static string? Required(DistributedApplicationModel model, string? requested)
    {
        var executors = model.Resources.OfType<AirflowResource>()
            .Where(a => a.KubernetesExecutor is not null)
            .Select(a => (Airflow: a.Name, a.KubernetesExecutor!.Namespace))
            .ToList();
        if (executors.Select(e => e.Namespace).Distinct(StringComparer.Ordinal).Count() > 1)
        {
            throw new DistributedApplicationException(
                "The KubernetesExecutors of " + string.Join(" and ", executors.Select(e => $"Airflow '{e.Airflow}' (namespace '{e.Namespace}')")) +
                " run task pods in different namespaces, but one publish deploys to one namespace; give them the same " +
                "KubernetesExecutorOptions(Namespace: ...), or publish them separately.");
        }

        if (executors.FirstOrDefault() is not { Airflow: not null } executor)
        {
            return null;
        }

        if (requested is not null && requested != executor.Namespace)
        {
            throw new DistributedApplicationException(
                $"--namespace {requested} differs from the namespace '{executor.Namespace}' where the KubernetesExecutor of Airflow '{executor.Airflow}' " +
                $"starts task pods; set WithKubernetesExecutor(new KubernetesExecutorOptions(Namespace: \"{requested}\")) in the AppHost, " +
                $"or publish with --namespace {executor.Namespace}.");
        }

        return executor.Namespace;
    }
}
