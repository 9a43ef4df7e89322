using AirflowAspire.DagPackager.Tests.TestSupport;

namespace AirflowAspire.DagPackager.Tests.Release;

/// <summary>release on a kustomize tree, rendered with <c>kubectl kustomize</c> before and after: the Airflow containers carry the tag.</summary>
public sealed class KustomizeReleaseTests : IDisposable
{
    private const string Released = ReleaseCommandTests.Image;
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [SkippableFact]
    public async Task A_hand_written_tree_renders_the_released_image_for_Airflow_and_leaves_the_rest()
    {
        Kubectl.Require();
        temp.Write("tree/kustomization.yaml", """
            # Hand-written; comments and order must survive the release.
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            resources:
            - airflow.yaml
            images:
            - name: docker.io/library/postgres
              newTag: "17.6"
            - name: docker.io/apache/airflow
              newTag: "3.2.2"   # the official image until the first release

            """);
        temp.Write("tree/airflow.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: airflow-scheduler
            spec:
              selector:
                matchLabels: {app: scheduler}
              template:
                metadata:
                  labels: {app: scheduler}
                spec:
                  initContainers:
                  - name: wait-for-migrations
                    image: docker.io/apache/airflow:3.2.2
                    args: [db, check-migrations]
                  containers:
                  - name: scheduler
                    image: docker.io/apache/airflow:3.2.2
                    args: [scheduler]
                  - name: sidecar
                    image: docker.io/library/postgres:17.6
            """);
        Assert.Equal("docker.io/apache/airflow:3.2.2", Kubectl.RenderedImages(temp.Combine("tree"))["Deployment/airflow-scheduler/scheduler"]);

        var run = await ReleaseCommandTests.Release(Released, "--lock", temp.Combine("dags.lock.json"), "--kustomize", temp.Combine("tree"));

        Assert.True(run.ExitCode == 0, run.ToString());
        var images = Kubectl.RenderedImages(temp.Combine("tree"));
        Assert.Equal(Released, images["Deployment/airflow-scheduler/scheduler"]);
        Assert.Equal(Released, images["Deployment/airflow-scheduler/wait-for-migrations"]);
        Assert.Equal("docker.io/library/postgres:17.6", images["Deployment/airflow-scheduler/sidecar"]);
        var text = File.ReadAllText(temp.Combine("tree/kustomization.yaml"));
        Assert.StartsWith("# Hand-written; comments and order must survive the release.\n", text);
        Assert.Contains("  newTag: \"3f2a9c01b7e4\"   # the official image until the first release\n", text);
    }

    [SkippableFact]
    public async Task Releasing_twice_moves_the_tree_from_one_release_to_the_next()
    {
        Kubectl.Require();
        temp.Write("tree/kustomization.yaml", "resources:\n- pod.yaml\nimages:\n- name: apache/airflow\n  newTag: \"3.2.2\"\n");
        temp.Write("tree/pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: apache/airflow:3.2.2\n");
        var lockFile = temp.Combine("dags.lock.json");
        Assert.Equal(0, (await ReleaseCommandTests.Release(Released, "--lock", lockFile, "--kustomize", temp.Combine("tree/kustomization.yaml"))).ExitCode);

        var next = await CommandRun.InvokeAsync(
            "release", "registry.example.com/team/dags:0123456789ab", "--lock", lockFile, "--kustomize", temp.Combine("tree"),
            "--dag-hash", "0123456789ab" + new string('1', 52), "--airflow-version", "3.2.2");

        Assert.True(next.ExitCode == 0, next.ToString());
        Assert.Equal("registry.example.com/team/dags:0123456789ab", Kubectl.RenderedImages(temp.Combine("tree"))["Pod/p/c"]);
    }
}
