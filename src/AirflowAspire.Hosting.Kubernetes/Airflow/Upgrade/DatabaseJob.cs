using System.Text.Json.Nodes;
using AirflowAspire.Hosting.Airflow;

namespace AirflowAspire.Hosting.Kubernetes.Airflow;

/// <summary>
/// A Job that works on an Airflow's metadata database with the Postgres tools: the Postgres server's image and pod
/// security settings, the snapshots claim at <c>/snapshots</c>, reaching the database as the migration does (its user,
/// its password from the Secret as <c>PGPASSWORD</c>, its address as <c>DATABASE_ADDRESS</c>), so no secret is in an
/// argument; its script run by bash. The snapshot's dump and a rollback's restore.
/// </summary>
internal static class DatabaseJob
{
    public static JsonObject Build(
        string name, string containerName, string script, string claim, JsonObject migration, JsonObject server, DeployTarget target, params JsonObject[] values)
    {
        var serverPod = server["spec"]!["template"]!["spec"]!;
        var serverContainer = serverPod["containers"]![0]!;
        var migrate = ((JsonArray)migration["spec"]!["template"]!["spec"]!["initContainers"]!).OfType<JsonObject>()
            .Single(c => (string?)c["name"] == AirflowMigrations.MigrateContainer);
        var url = AirflowEnvironment.DatabaseUrl;
        var env = new JsonArray(
            Renamed(migrate, url.UserVariable, "PGUSER"),
            Renamed(migrate, url.PasswordVariable, "PGPASSWORD"),
            Renamed(migrate, url.AddressVariable, "DATABASE_ADDRESS"));
        foreach (var value in values)
        {
            env.Add(value);
        }

        var container = new JsonObject
        {
            ["name"] = containerName,
            ["image"] = serverContainer["image"]!.DeepClone(),
            ["command"] = new JsonArray("bash", "-c", script.ReplaceLineEndings("\n")),
            ["env"] = env,
            ["volumeMounts"] = new JsonArray(new JsonObject { ["name"] = "snapshots", ["mountPath"] = "/snapshots" }),
        };
        if (serverContainer["securityContext"] is { } containerSecurity)
        {
            container["securityContext"] = containerSecurity.DeepClone();
        }

        var pod = new JsonObject
        {
            ["restartPolicy"] = "Never",
            ["automountServiceAccountToken"] = false,
            ["containers"] = new JsonArray(container),
            ["volumes"] = new JsonArray(new JsonObject { ["name"] = "snapshots", ["persistentVolumeClaim"] = new JsonObject { ["claimName"] = claim } }),
        };
        if (serverPod["securityContext"] is { } podSecurity)
        {
            pod["securityContext"] = podSecurity.DeepClone();
        }

        return new JsonObject
        {
            ["apiVersion"] = "batch/v1",
            ["kind"] = "Job",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = target.Namespace, ["labels"] = SnapshotClaim.Labels(target, name) },
            ["spec"] = new JsonObject
            {
                ["backoffLimit"] = 0,
                ["ttlSecondsAfterFinished"] = 300,
                ["template"] = new JsonObject { ["metadata"] = new JsonObject { ["labels"] = SnapshotClaim.Labels(target, name) }, ["spec"] = pod },
            },
        };
    }

    private static JsonObject Renamed(JsonObject container, string variable, string name)
    {
        var entry = ((JsonArray?)container["env"])?.OfType<JsonObject>().FirstOrDefault(e => (string?)e["name"] == variable)
            ?? throw new DistributedApplicationException($"The migration Job has no {variable}, which deploy needs to reach the database for a snapshot or a restore.");
        var copy = (JsonObject)entry.DeepClone();
        copy["name"] = name;
        return copy;
    }

    public static JsonObject Value(string name, string value) => new() { ["name"] = name, ["value"] = value };
}
