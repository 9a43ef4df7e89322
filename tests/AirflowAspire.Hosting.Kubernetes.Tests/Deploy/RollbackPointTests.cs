using System.Text;
using System.Text.Json.Nodes;
using AirflowAspire.Hosting.Kubernetes.Airflow;
using Microsoft.Extensions.Configuration;

namespace AirflowAspire.Hosting.Kubernetes.Tests.Deploy;

/// <summary>The rollback point's pure parts: what it keeps of live objects, its Secret, what a rollback deletes, what it says.</summary>
public sealed class RollbackPointTests
{
    private static readonly DeployTarget Target = new("airflow", "team-", "team-apphost", new Dictionary<string, string>
    {
        ["app.kubernetes.io/managed-by"] = "airflowaspire",
        ["app.kubernetes.io/instance"] = "team-apphost",
    });

    private static readonly DatabaseSnapshot Snapshot = new(
        "airflow", "team-airflow-snapshots", "/snapshots/20261205T080000Z-airflow-3.1.0-to-3.2.2.dump", "3.1.0", "3.2.2",
        new DateTimeOffset(2026, 12, 5, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void ALiveObjectLosesWhatTheServerMadeOfItAndKeepsWhatDeployApplied()
    {
        var live = JsonNode.Parse("""
            {"apiVersion":"apps/v1","kind":"Deployment",
             "metadata":{"name":"airflow-api-server","namespace":"airflow","uid":"u","resourceVersion":"7","generation":3,"creationTimestamp":"2026-12-05T08:00:00Z",
               "managedFields":[{"manager":"airflowaspire"}],"labels":{"app.kubernetes.io/instance":"team-apphost"},
               "annotations":{"deployment.kubernetes.io/revision":"2","airflowaspire.io/airflow-version":"3.1.0"}},
             "spec":{"replicas":1,"template":{"spec":{"containers":[{"name":"api-server","image":"apache/airflow:3.1.0"}]}}},
             "status":{"readyReplicas":1}}
            """)!.AsObject();

        var saved = SavedObjects.Strip(live);

        Assert.Equal(
            """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"airflow-api-server","namespace":"airflow","labels":{"app.kubernetes.io/instance":"team-apphost"},"annotations":{"airflowaspire.io/airflow-version":"3.1.0"}},"spec":{"replicas":1,"template":{"spec":{"containers":[{"name":"api-server","image":"apache/airflow:3.1.0"}]}}}}""",
            saved.ToJsonString());
        Assert.NotNull(live["status"]);
    }

    [Fact]
    public void ServerAssignedFieldsOfServicesJobsClaimsAndAccountsAreLeftOut()
    {
        var service = Strip("""{"apiVersion":"v1","kind":"Service","metadata":{"name":"postgres"},"spec":{"clusterIP":"10.0.0.7","clusterIPs":["10.0.0.7"],"ports":[{"port":5432}]}}""");
        var headless = Strip("""{"apiVersion":"v1","kind":"Service","metadata":{"name":"airflow-scheduler"},"spec":{"clusterIP":"None","clusterIPs":["None"]}}""");
        var job = Strip("""{"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"airflow-init"},"spec":{"selector":{"matchLabels":{"controller-uid":"u"}},"template":{"metadata":{"labels":{"controller-uid":"u","job-name":"airflow-init","app.kubernetes.io/name":"airflow-init"}}}}}""");
        var claim = Strip("""{"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"dags","finalizers":["kubernetes.io/pvc-protection"],"annotations":{"pv.kubernetes.io/bind-completed":"yes"}},"spec":{"volumeName":"pv-1","accessModes":["ReadWriteOnce"]}}""");
        var account = Strip("""{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"airflow"},"secrets":[{"name":"airflow-token-x"}]}""");

        Assert.Equal("""{"ports":[{"port":5432}]}""", service["spec"]!.ToJsonString());
        Assert.Equal("""{"clusterIP":"None","clusterIPs":["None"]}""", headless["spec"]!.ToJsonString());
        Assert.Equal("""{"template":{"metadata":{"labels":{"app.kubernetes.io/name":"airflow-init"}}}}""", job["spec"]!.ToJsonString());
        Assert.Equal("""{"metadata":{"name":"dags"},"spec":{"accessModes":["ReadWriteOnce"]}}""", new JsonObject { ["metadata"] = claim["metadata"]!.DeepClone(), ["spec"] = claim["spec"]!.DeepClone() }.ToJsonString());
        Assert.Null(account["secrets"]);
    }

    [Fact]
    public void TheSavedObjectsComeBackFromTheirGzippedEncodingAsTheyWent()
    {
        JsonObject[] objects =
        [
            Strip("""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"secrets"},"data":{"postgres-password":"c2VjcmV0"}}"""),
            Strip("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"airflow-config"},"data":{"a":"ü \" \n"}}"""),
        ];

        var encoded = SavedObjects.Encode(objects);
        var decoded = SavedObjects.Decode(encoded, "Secret/team-airflowaspire-rollback");

        Assert.Equal(objects.Select(o => o.ToJsonString()), decoded.Select(o => o.ToJsonString()));
        Assert.DoesNotContain("c2VjcmV0", encoded, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEditedPointNamesItsSecretAndThatNothingWasRolledBack()
    {
        var error = Assert.Throws<DistributedApplicationException>(() => SavedObjects.Decode(Convert.ToBase64String(Encoding.UTF8.GetBytes("not gzip")), "Secret/team-airflowaspire-rollback"));

        Assert.Contains("Secret/team-airflowaspire-rollback holds no saved objects", error.Message);
        Assert.Contains("Nothing was rolled back", error.Message);
    }

    [Fact]
    public void ThePointsSecretCarriesTheDeploymentsLabelsAndReadsBackWithItsInventoryAndSnapshots()
    {
        ObjectKey[] inventory = [new("v1", "Namespace", null, "airflow"), new("apps/v1", "Deployment", "airflow", "team-airflow-api-server")];
        var point = new RollbackPoint([Strip("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"team-airflow-api-server","namespace":"airflow"}}""")], inventory, [Snapshot]);

        var secret = point.ToSecret(Target);
        var read = RollbackPoint.FromSecret(secret, "airflow");

        Assert.Equal(("team-airflowaspire-rollback", "team-apphost"), ((string?)secret["metadata"]!["name"], (string?)secret["metadata"]!["labels"]!["app.kubernetes.io/instance"]));
        Assert.Equal(inventory, read.Inventory);
        Assert.Equal([Snapshot], read.Snapshots);
        Assert.Equal(point.Objects.Select(o => o.ToJsonString()), read.Objects.Select(o => o.ToJsonString()));
        Assert.Equal($"team-airflowaspire-rollback {Snapshot.File}", point.Record("team-"));
    }

    [Fact]
    public void TheInventoryNamesThePointBesideItsObjectsWithoutListingIt()
    {
        var data = new DeployInventory([new("apps/v1", "Deployment", "airflow", "team-airflow-api-server")]) { Snapshots = [Snapshot], Rollback = "team-airflowaspire-rollback /snapshots/x.dump" }
            .ToConfigMap("airflow", "team-", new Dictionary<string, string>())["data"]!;

        Assert.Equal("team-airflowaspire-rollback /snapshots/x.dump", (string?)data["rollback"]);
        Assert.DoesNotContain("rollback", (string?)data["objects"], StringComparison.Ordinal);
    }

    [Fact]
    public void ARollbackDeletesOnlyWhatTheRolledBackReleaseAddedAndNeverTheNamespace()
    {
        ObjectKey[] saved = [new("v1", "Namespace", null, "airflow"), new("policy/v1beta1", "PodDisruptionBudget", "airflow", "worker"), new("v1", "Service", "airflow", "postgres")];
        ObjectKey[] current =
        [
            new("v1", "Namespace", null, "airflow"), new("policy/v1", "PodDisruptionBudget", "airflow", "worker"), new("v1", "Service", "airflow", "postgres"),
            new("apps/v1", "Deployment", "airflow", "airflow-triggerer"),
        ];

        Assert.Equal([new ObjectKey("apps/v1", "Deployment", "airflow", "airflow-triggerer")], ClusterRollback.Added(current, saved));
    }

    [Fact]
    public void TheReportSaysWhatWasRestoredAndWhatIsStillNotReady()
    {
        var done = new RollbackOutcome([$"Airflow 3.1.0: database restored from {Snapshot.File}"], 14, []);
        var notReady = new RollbackOutcome([], 3, ["Deployment/airflow-api-server: not ready"]);

        Assert.Equal($"rolled back to Airflow 3.1.0: database restored from {Snapshot.File}, 14 objects restored", done.Summary);
        Assert.Contains("but 1 workload(s) did not become ready after the rollback either:\n- Deployment/airflow-api-server: not ready", notReady.Summary);
    }

    [Fact]
    public void NothingToRollBackNamesTheNamespaceAndTheServer()
    {
        Assert.Equal(
            "Nothing to roll back: no deploy of this model in namespace 'airflow' on https://k8s:6443 changed Airflow's release since the last rollback.",
            AirflowRollbackStep.NothingToRollBack("airflow", "https://k8s:6443"));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("--no-rollback", true)]
    [InlineData("--no-rollback=false", false)]
    public void NoRollbackIsASwitchOfItsOwn(string? given, bool noRollback)
    {
        var switches = DeploySwitches.Read(new ConfigurationBuilder().Build(), given is null ? [] : [given], new KustomizeEnvironmentResource("k8s"));

        Assert.Equal(noRollback, switches.NoRollback);
    }

    private static JsonObject Strip(string json) => SavedObjects.Strip(JsonNode.Parse(json)!.AsObject());
}
