using k8s.Models;

namespace AirflowAspire.Hosting.Kubernetes.Tests;

/// <summary>Bad input fails before anything is written, naming the thing and the fix.</summary>
public sealed class KustomizeValidationTests
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

        Assert.Contains($"'{prefix}'", error);
        Assert.Contains("--name-prefix", error);
    }

    [Fact]
    public async Task A_name_prefix_that_makes_a_name_too_long_is_refused()
    {
        var error = await PublishFailsAsync(KubernetesTestModels.Options(prefix: new string('a', 45)));

        Assert.Contains("--name-prefix", error);
        Assert.Matches("(at most (52|63)|longer than 63) characters", error);
    }

    [Theory]
    [InlineData("Airflow")]
    [InlineData("air_flow")]
    [InlineData("-airflow")]
    [InlineData("airflow.prod")]
    public async Task A_namespace_that_is_not_a_dns_label_is_refused(string @namespace)
    {
        var error = await PublishFailsAsync(KubernetesTestModels.Options(@namespace: @namespace));

        Assert.Contains($"'{@namespace}'", error);
        Assert.Contains("--namespace", error);
    }

    [Fact]
    public async Task An_output_path_that_is_a_file_is_refused_and_left_alone()
    {
        using var test = TestApp.CreateForPublish();
        test.Builder.AddPostgres("postgres");
        using var temp = new TempFolder();
        var file = temp.Combine("out.yaml");
        File.WriteAllText(file, "mine");

        var error = await KubernetesTestModels.PublishFailureAsync(test, file);

        Assert.Contains(file, error);
        Assert.Contains("--output-path", error);
        Assert.Equal("mine", File.ReadAllText(file));
        Assert.Equal([file], Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public async Task A_namespace_other_than_the_kubernetes_executors_is_refused_with_the_fix()
    {
        using var test = TestApp.CreateForPublish();
        test.AddAirflowWithDatabase(postgresVolume: true).WithKubernetesExecutor(new KubernetesExecutorOptions(Namespace: "tasks"));
        using var temp = new TempFolder();
        var output = temp.Combine("out");

        var error = await KubernetesTestModels.PublishFailureAsync(test, output, KubernetesTestModels.Options(@namespace: "airflow"));

        Assert.Contains("'tasks'", error);
        Assert.Contains("KubernetesExecutorOptions(Namespace:", error);
        Assert.False(Directory.Exists(Path.Combine(output, KustomizeTestPublish.EnvironmentName)));
    }

    [SkippableFact]
    public async Task The_namespace_defaults_to_the_kubernetes_executors()
    {
        using var test = TestApp.CreateForPublish();
        test.AddAirflowWithDatabase(postgresVolume: true).WithKubernetesExecutor(new KubernetesExecutorOptions(Namespace: "tasks"));
        using var cluster = await PublishedCluster.PublishAsync(test);

        Assert.Equal("tasks", Assert.Single(cluster.All<V1Namespace>()).Metadata.Name);
        Assert.All(cluster.Objects.Where(o => o is not V1Namespace), o => Assert.Equal("tasks", ((IMetadata<V1ObjectMeta>)o).Metadata.NamespaceProperty));
    }

    [SkippableFact]
    public async Task A_namespace_given_without_a_kubernetes_executor_is_used()
    {
        using var test = TestApp.CreateForPublish();
        using var cluster = await PublishedCluster.PublishAsync(KubernetesTestModels.DataServices(test), KubernetesTestModels.Options(@namespace: "data"));

        Assert.Equal("data", Assert.Single(cluster.All<V1Namespace>()).Metadata.Name);
        Assert.Equal("data", cluster.Kustomization().Namespace);
    }

    [SkippableFact]
    public async Task The_environment_sets_the_namespace_and_prefix_and_the_command_line_wins()
    {
        using var test = TestApp.CreateForPublish();
        test.Builder.AddRedis("redis");
        using var temp = new TempFolder();
        await test.PublishAsync(temp.Path, KubernetesTestModels.Options(@namespace: "cli"), environment => environment.WithNamespace("ops").WithNamePrefix("blue"));

        var rendered = PublishedCluster.Kustomize(temp.Combine(KustomizeTestPublish.EnvironmentName));
        Assert.Contains("name: cli\n", rendered, StringComparison.Ordinal);
        Assert.DoesNotContain("namespace: ops", rendered, StringComparison.Ordinal);
        Assert.Contains("name: blue-redis\n", rendered, StringComparison.Ordinal);
    }

    [Fact]
    public void A_local_run_leaves_the_environment_out_of_the_model()
    {
        using var builder = DistributedApplicationTestingBuilder.Create();

        var environment = builder.AddKustomizeEnvironment("k8s");

        Assert.Equal("k8s", environment.Resource.Name);
        Assert.DoesNotContain(builder.Resources, r => r is KustomizeEnvironmentResource);
    }

    [Fact]
    public async Task A_bind_mount_no_template_handles_is_refused_naming_the_resource_and_the_mount()
    {
        using var test = TestApp.CreateForPublish();
        test.CreateFolder("site");
        test.Builder.AddContainer("web", "docker.io/library/nginx", "1.27").WithBindMount("site", "/usr/share/nginx/html");
        using var temp = new TempFolder();
        var output = temp.Combine("out");

        var error = await KubernetesTestModels.PublishFailureAsync(test, output);

        Assert.Contains("'web'", error);
        Assert.Contains("/usr/share/nginx/html", error);
        Assert.Contains(Path.Combine(test.Directory, "site"), error);
        Assert.False(Directory.Exists(Path.Combine(output, KustomizeTestPublish.EnvironmentName)));
    }

    [Fact]
    public async Task A_secret_in_an_argument_is_refused()
    {
        using var test = TestApp.CreateForPublish();
        var token = test.Builder.AddParameter("token", new GenerateParameterDefault { MinLength = 16 }, secret: true);
        test.Builder.AddContainer("app", "ghcr.io/example/app", "1.0")
            .WithArgs(context => context.Args.Add(ReferenceExpression.Create($"--token={token.Resource}")));
        using var temp = new TempFolder();
        var output = temp.Combine("out");

        var error = await KubernetesTestModels.PublishFailureAsync(test, output);

        Assert.Contains("'token'", error);
        Assert.Contains("environment variable", error);
        Assert.False(Directory.Exists(Path.Combine(output, KustomizeTestPublish.EnvironmentName)));
    }

    private static async Task<string> PublishFailsAsync(IReadOnlyDictionary<string, string?> options)
    {
        using var test = TestApp.CreateForPublish();
        test.AddAirflowWithDatabase(postgresVolume: true).WithRedisCelery();
        using var temp = new TempFolder();
        var output = temp.Combine("out");

        var error = await KubernetesTestModels.PublishFailureAsync(test, output, options);

        Assert.False(Directory.Exists(Path.Combine(output, KustomizeTestPublish.EnvironmentName)), "The environment wrote its folder despite the error.");
        return error;
    }
}
