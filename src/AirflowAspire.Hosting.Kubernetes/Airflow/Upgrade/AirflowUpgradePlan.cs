using System.Text.Json.Nodes;
using AirflowAspire.Hosting.Airflow;

namespace AirflowAspire.Hosting.Kubernetes.Airflow;

/// <summary>
/// What deploying the model would do to one Airflow already in the cluster, read without changing anything: both
/// releases, whether Airflow can migrate between them, the SQL the new image's migration would run, the options the
/// model sets that the deployed release reads otherwise, the DAG image lock, and the order deploy applies in.
/// </summary>
internal sealed record AirflowUpgradePlan(string AirflowName, IReadOnlyList<string> Lines, AirflowUpgradeVerdict? Verdict)
{
    public static async Task<AirflowUpgradePlan> MakeAsync(
        ClusterApi api, KubernetesTree tree, AirflowResource airflow, IReadOnlySet<string> startedAfterJobs, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var workloads = AirflowObjects.Workloads(tree.Objects, airflow);
        var lines = new List<string> { $"Upgrade plan for Airflow '{airflow.Name}' in namespace '{tree.Target.Namespace}' on {api.Server}:" };
        var deployed = await DeployedAirflow.ReadAsync(api, workloads, airflow.Name, cancellationToken);
        if (deployed is null)
        {
            lines.Add($"  Not deployed there (none of its workloads is): deploy installs Airflow {airflow.Version} ({airflow.Image.Reference}) afresh.");
            return new(airflow.Name, lines, null);
        }

        lines.Add($"  Deployed: Airflow {deployed.Version?.ToString() ?? "of unknown version"} ({deployed.Image}, read from {deployed.Workload})");
        lines.Add($"  Model:    Airflow {airflow.Version} ({airflow.Image.Reference})");
        if (deployed.Version is null)
        {
            lines.Add($"  Path:     unknown: the deployed image's tag is not an Airflow version and it carries no {AirflowUpgradeNotes.VersionLabel} annotation.");
            return new(airflow.Name, lines, null);
        }

        var verdict = AirflowUpgradePath.Of(deployed.Version, airflow.Version);
        lines.Add($"  Path:     {verdict.Text}");
        lines.AddRange(AirflowUpgradeNotes.OptionLines(airflow, deployed.Version));
        lines.Add(AirflowUpgradeNotes.DagImageLine(airflow));
        lines.AddRange(verdict.Supported
            ? await SqlLinesAsync(api, tree, airflow, timeout, cancellationToken)
            : ["  SQL:      not previewed: Airflow cannot make this change."]);
        var image = (string?)workloads[0]["spec"]?["template"]?["spec"]?["containers"]?[0]?["image"];
        if (verdict.ChangesVersion || image != deployed.Image)
        {
            lines.Add($"  Snapshot: before migrating, deploy scales Airflow's components to 0 and dumps the database into the claim " +
                      $"{tree.Target.NamePrefix}{airflow.Name}-snapshots (--no-snapshot skips it; --keep-snapshots sets how many stay).");
        }

        lines.AddRange(OrderLines(tree, startedAfterJobs));
        return new(airflow.Name, lines, verdict);
    }

    private static async Task<IEnumerable<string>> SqlLinesAsync(
        ClusterApi api, KubernetesTree tree, AirflowResource airflow, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var job = AirflowObjects.MigrationJob(tree.Objects, airflow);
        if (job is null)
        {
            return ["  SQL:      not previewed: this Airflow migrates inside its standalone pod, which has no migration Job to borrow."];
        }

        var (succeeded, output) = await MigrationSqlPreview.RunAsync(api, job, timeout, cancellationToken);
        return AirflowUpgradeNotes.SqlLines(airflow, succeeded, output);
    }

    private static IEnumerable<string> OrderLines(KubernetesTree tree, IReadOnlySet<string> startedAfterJobs)
    {
        yield return "  Deploy's order (each stage waits for the one before to be ready):";
        var step = 0;
        foreach (var stage in tree.Objects.GroupBy(o => DeployStages.Of(o, startedAfterJobs)).OrderBy(g => g.Key))
        {
            var objects = string.Join(", ", stage.Select(o => $"{o["kind"]}/{o["metadata"]?["name"]}"));
            yield return $"    {++step}. {Describe(stage.Key)}: {objects}";
        }
    }

    private static string Describe(DeployStages.Stage stage) => stage switch
    {
        DeployStages.Stage.Namespace => "the namespace",
        DeployStages.Stage.Configuration => "configuration, accounts and Services",
        DeployStages.Stage.Servers => "the servers Airflow needs",
        DeployStages.Stage.Jobs => "the migration, with the model's image",
        DeployStages.Stage.Components => "Airflow's components, restarted on the model's image",
        _ => "disruption budgets, autoscalers and ingress",
    };
}
