using AirflowAspire.Hosting.ApplicationModel;
using AirflowAspire.Hosting.Integrations.Airflow;
using AirflowAspire.Hosting.Tests.Integrations.Airflow;
using AirflowAspire.Hosting.Tests.TestSupport;
using k8s.Models;

namespace AirflowAspire.Hosting.Tests.Publishing.Kubernetes;

/// <summary>Bad input fails before anything is written, naming the thing and the fix.</summary>
public sealed class KubernetesPublisherValidationTests
{
    [Theory]
    [InlineData("Team-A")]
    [InlineData("1team")]
    [InlineData("-team")]
    [InlineData("team_a")]
    [InlineData("team.a")]
    public async Task A_name_prefix_that_is_not_a_dns_label_is_refused(string prefix)
    {
        var error = await PublishFailsAsync(KubernetesTestModels.Options(prefix: prefix));

        Assert.Contains($"'{prefix}'", error.Message);
        Assert.Contains("--name-prefix", error.Message);
    }

    [Fact]
    public async Task A_name_prefix_that_makes_a_name_too_long_is_refused()
    {
        var error = await PublishFailsAsync(KubernetesTestModels.Options(prefix: new string('a', 45)));

        Assert.Contains("--name-prefix", error.Message);
        Assert.Matches("at most (52|63) characters", error.Message);
    }

    [Theory]
    [InlineData("Airflow")]
    [InlineData("air_flow")]
    [InlineData("-airflow")]
    [InlineData("airflow.prod")]
    public async Task A_namespace_that_is_not_a_dns_label_is_refused(string @namespace)
    {
        var error = await PublishFailsAsync(KubernetesTestModels.Options(@namespace: @namespace));

        Assert.Contains($"'{@namespace}'", error.Message);
        Assert.Contains("--namespace", error.Message);
    }

    [Fact]
    public async Task An_output_path_that_is_a_file_is_refused_and_left_alone()
    {
        using var test = TestApp.Create();
        test.Builder.AddPostgres("postgres");
        var model = test.Builder.Build().Model;
        using var temp = new TempDirectory();
        var file = temp.Combine("out.yaml");
        File.WriteAllText(file, "mine");

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => KubernetesTestModels.PublishAsync(model, file));

        Assert.Contains(file, error.Message);
        Assert.Contains("--output-path", error.Message);
        Assert.Equal("mine", File.ReadAllText(file));
        Assert.Equal([file], Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public async Task A_namespace_other_than_the_kubernetes_executors_is_refused_with_the_fix()
    {
        using var test = TestApp.Create();
        test.AddAirflowWithDatabase().WithKubernetesExecutor(new KubernetesExecutorOptions(Namespace: "tasks"));
        var model = test.Builder.Build().Model;
        using var temp = new TempDirectory();
        var output = temp.Combine("tree");

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(
            () => KubernetesTestModels.PublishAsync(model, output, KubernetesTestModels.Options(@namespace: "airflow")));

        Assert.Contains("'tasks'", error.Message);
        Assert.Contains("KubernetesExecutorOptions(Namespace:", error.Message);
        Assert.False(Directory.Exists(output));
    }

    [SkippableFact]
    public async Task The_namespace_defaults_to_the_kubernetes_executors()
    {
        using var test = TestApp.Create();
        test.AddAirflowWithDatabase().WithKubernetesExecutor(new KubernetesExecutorOptions(Namespace: "tasks"));
        using var cluster = await PublishedCluster.PublishAsync(test.Builder.Build().Model);

        Assert.Equal("tasks", Assert.Single(cluster.All<V1Namespace>()).Metadata.Name);
        Assert.All(cluster.Objects.Where(o => o is not V1Namespace), o => Assert.Equal("tasks", ((IMetadata<V1ObjectMeta>)o).Metadata.NamespaceProperty));
    }

    [SkippableFact]
    public async Task A_namespace_given_without_a_kubernetes_executor_is_used()
    {
        using var test = TestApp.Create();
        using var cluster = await PublishedCluster.PublishAsync(KubernetesTestModels.DataServices(test), KubernetesTestModels.Options(@namespace: "data"));

        Assert.Equal("data", Assert.Single(cluster.All<V1Namespace>()).Metadata.Name);
        Assert.Equal("data", cluster.Kustomization().Namespace);
    }

    [Fact]
    public async Task A_bind_mount_no_template_handles_is_refused_naming_the_resource_and_the_mount()
    {
        using var test = TestApp.Create();
        test.CreateFolder("site");
        test.Builder.AddContainer("web", "docker.io/library/nginx", "1.27").WithBindMount("site", "/usr/share/nginx/html");
        var model = test.Builder.Build().Model;
        using var temp = new TempDirectory();
        var output = temp.Combine("tree");

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => KubernetesTestModels.PublishAsync(model, output));

        Assert.Contains("'web'", error.Message);
        Assert.Contains("/usr/share/nginx/html", error.Message);
        Assert.Contains(Path.Combine(test.Directory, "site"), error.Message);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task A_secret_in_an_argument_is_refused()
    {
        using var test = TestApp.Create();
        var token = test.Builder.AddGeneratedSecret("token");
        test.Builder.AddContainer("app", "ghcr.io/example/app", "1.0")
            .WithArgs(context => context.Args.Add(ReferenceExpression.Create($"--token={token.Resource}")));
        var model = test.Builder.Build().Model;
        using var temp = new TempDirectory();
        var output = temp.Combine("tree");

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => KubernetesTestModels.PublishAsync(model, output));

        Assert.Contains("'token'", error.Message);
        Assert.Contains("environment variable", error.Message);
        Assert.False(Directory.Exists(output));
    }

    private static async Task<DistributedApplicationException> PublishFailsAsync(PublishingOptions options)
    {
        using var test = TestApp.Create();
        test.AddAirflowWithDatabase().WithRedisCelery();
        var model = test.Builder.Build().Model;
        using var temp = new TempDirectory();
        var output = temp.Combine("tree");

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => KubernetesTestModels.PublishAsync(model, output, options));

        Assert.False(Directory.Exists(output), "The publisher wrote the output folder despite the error.");
        return error;
    }
}
