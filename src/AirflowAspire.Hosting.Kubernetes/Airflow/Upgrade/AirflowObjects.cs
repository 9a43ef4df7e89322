using System.Text.Json.Nodes;
using AirflowAspire.Hosting.Airflow;

namespace AirflowAspire.Hosting.Kubernetes.Airflow;

/// <summary>An Airflow's objects among those deploy applies, found by their name label: its workloads and its migration Job.</summary>
internal static class AirflowObjects
{
    public static string NameOf(JsonObject item) => (string?)item["metadata"]?["labels"]?[KubernetesContext.NameLabel] ?? string.Empty;

    public static List<JsonObject> Workloads(IEnumerable<JsonObject> objects, AirflowResource airflow)
    {
        var names = airflow.Components.Values.Select(c => c.Name).Append(airflow.Name).ToHashSet(StringComparer.Ordinal);
        return [.. objects.Where(o => (string?)o["kind"] is "Deployment" or "StatefulSet" && names.Contains(NameOf(o)))];
    }

    public static JsonObject? MigrationJob(IEnumerable<JsonObject> objects, AirflowResource airflow) =>
        airflow.Components.TryGetValue(AirflowRole.Init, out var init)
            ? objects.FirstOrDefault(o => (string?)o["kind"] == "Job" && NameOf(o) == init.Name)
            : null;

    /// <summary>The workload of the Postgres server the model gives this Airflow's database on, or null (a connection string, the standalone pod).</summary>
    public static JsonObject? DatabaseServer(IEnumerable<JsonObject> objects, AirflowResource airflow) =>
        airflow.Database?.Parent is { } parent
            ? objects.FirstOrDefault(o => (string?)o["kind"] is "StatefulSet" or "Deployment" && NameOf(o) == parent.Name)
            : null;
}
