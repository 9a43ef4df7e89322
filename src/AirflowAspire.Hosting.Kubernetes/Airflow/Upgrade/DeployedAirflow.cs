using AirflowAspire.Hosting.Airflow;
using System.Text.Json.Nodes;

namespace AirflowAspire.Hosting.Kubernetes.Airflow;

/// <summary>
/// The Airflow a previous deploy left running: the first of the model's Airflow workloads found live, its image, and
/// the release it was rendered for (its <see cref="AirflowUpgradeNotes.VersionLabel"/>, else its image's tag).
/// </summary>
internal sealed record DeployedAirflow(string Workload, string Image, AirflowVersion? Version)
{
    public static async Task<DeployedAirflow?> ReadAsync(ClusterApi api, IEnumerable<JsonObject> workloads, string airflowName, CancellationToken cancellationToken)
    {
        foreach (var workload in workloads)
        {
            if (await api.GetAsync(ObjectKey.Of(workload), cancellationToken) is not { } live)
            {
                continue;
            }

            var image = (string?)live["spec"]?["template"]?["spec"]?["containers"]?[0]?["image"] ?? "unknown";
            var annotated = (string?)live["metadata"]?["annotations"]?[AirflowUpgradeNotes.VersionLabel];
            return new DeployedAirflow($"{live["kind"]}/{live["metadata"]?["name"]}", image, AirflowUpgradeNotes.DeployedVersion(annotated, image, airflowName));
        }

        return null;
    }
}
