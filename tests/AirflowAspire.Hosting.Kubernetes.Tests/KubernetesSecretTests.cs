using System.Text;
using k8s;
using k8s.Models;

namespace AirflowAspire.Hosting.Kubernetes.Tests;

/// <summary>Secret values: one generated Secret, read by reference, stable across publishes unless rotated.</summary>
public sealed class KubernetesSecretTests
{
    [SkippableFact]
    public async Task Secret_values_live_only_in_secrets_env_and_the_generated_secret()
    {
        using var test = TestApp.CreateForPublish();
        test.AddAirflowWithDatabase(postgresVolume: true).WithRabbitCelery().WithFlower();
        test.Builder.AddRedis("cache");
        using var cluster = await PublishedCluster.PublishAsync(test);

        var values = cluster.SecretValues;
        Assert.Equal(
            ["airflow-admin-password", "airflow-fernet-key-seed", "airflow-jwt-secret", "airflow-secret-key", "cache-password", "postgres-password", "rabbitmq-password"],
            values.Keys.Order(StringComparer.Ordinal));
        var generated = cluster.GeneratedSecret;
        Assert.Equal(values.Keys.Order(StringComparer.Ordinal), generated.Data.Keys.Order(StringComparer.Ordinal));
        Assert.All(values, v => Assert.Equal(v.Value, Encoding.UTF8.GetString(generated.Data[v.Key])));

        foreach (var file in cluster.Files.Where(f => f != KubernetesSecret.EnvFile))
        {
            var text = cluster.ReadFile(file);
            Assert.All(values, v => Assert.False(text.Contains(v.Value, StringComparison.Ordinal), $"{file} holds the value of {v.Key}."));
        }

        foreach (var item in cluster.Objects.Where(o => !ReferenceEquals(o, generated)))
        {
            var yaml = KubernetesYaml.Serialize(item);
            Assert.All(values, v => Assert.False(
                yaml.Contains(v.Value, StringComparison.Ordinal) || yaml.Contains(Convert.ToBase64String(Encoding.UTF8.GetBytes(v.Value)), StringComparison.Ordinal),
                $"{item.Kind}/{PublishedCluster.Name(item)} holds the value of {v.Key}."));
            var data = item switch
            {
                V1Secret s => (s.Data ?? new Dictionary<string, byte[]>()).Values.Select(Encoding.UTF8.GetString).Concat((s.StringData ?? new Dictionary<string, string>()).Values),
                V1ConfigMap c => (c.Data ?? new Dictionary<string, string>()).Values.Concat((c.BinaryData ?? new Dictionary<string, byte[]>()).Values.Select(Encoding.UTF8.GetString)),
                _ => [],
            };
            Assert.All(data, d => Assert.DoesNotContain(values.Values, v => d.Contains(v, StringComparison.Ordinal)));
        }
    }

    [SkippableFact]
    public async Task Every_secret_reference_points_at_the_generated_secret_and_a_key_it_has()
    {
        using var test = TestApp.CreateForPublish();
        using var cluster = await PublishedCluster.PublishAsync(KubernetesTestModels.CeleryRedis(test), KubernetesTestModels.Options(prefix: "blue"));

        var generated = cluster.GeneratedSecret;
        Assert.Equal("blue-secrets", generated.Metadata.Name); // no hash suffix: pod templates inside ConfigMaps name it too
        var secrets = cluster.All<V1Secret>().ToDictionary(s => s.Metadata.Name);
        var references = 0;
        foreach (var (owner, container) in cluster.Containers())
        {
            foreach (var env in container.Env ?? [])
            {
                if (env.ValueFrom?.SecretKeyRef is { } reference)
                {
                    references++;
                    Assert.True(reference.Name == generated.Metadata.Name, $"{owner} {container.Name} {env.Name} reads Secret '{reference.Name}'.");
                    Assert.True(generated.Data.ContainsKey(reference.Key), $"{owner} {container.Name} {env.Name} reads the missing key '{reference.Key}'.");
                }

                // A value that embeds a secret expands it from a variable defined before it.
                foreach (var variable in System.Text.RegularExpressions.Regex.Matches(env.Value ?? string.Empty, @"(?<!\$)\$\(([A-Za-z_][A-Za-z0-9_]*)\)").Select(m => m.Groups[1].Value))
                {
                    var index = container.Env!.IndexOf(env);
                    Assert.Contains(container.Env.Take(index), e => e.Name == variable);
                }
            }

            foreach (var source in container.EnvFrom ?? [])
            {
                if (source.SecretRef is { } secretRef)
                {
                    Assert.True(secrets.ContainsKey(secretRef.Name), $"{owner} {container.Name} reads all of the missing Secret '{secretRef.Name}'.");
                }
            }
        }

        Assert.True(references >= 6);
        foreach (var (owner, spec) in cluster.PodSpecs())
        {
            foreach (var volume in (spec.Volumes ?? []).Where(v => v.Secret is not null))
            {
                Assert.True(secrets.ContainsKey(volume.Secret.SecretName), $"{owner} mounts the missing Secret '{volume.Secret.SecretName}'.");
            }
        }
    }

    [SkippableFact]
    public async Task Publishing_twice_gives_the_same_bytes_and_rotating_changes_only_the_generated_secrets()
    {
        using var test = TestApp.CreateForPublish();
        using var first = await PublishedCluster.PublishAsync(KubernetesTestModels.CeleryRedis(test));
        var before = first.Snapshot();
        var valuesBefore = first.SecretValues;

        using var again = TestApp.CreateForPublish();
        using var second = await first.PublishAgainAsync(KubernetesTestModels.CeleryRedis(again));
        var after = second.Snapshot();
        Assert.Equal(before.Keys, after.Keys);
        Assert.All(before, file => Assert.True(file.Value.AsSpan().SequenceEqual(after[file.Key]), $"{file.Key} changed."));

        using var rotate = TestApp.CreateForPublish();
        using var rotated = await first.PublishAgainAsync(KubernetesTestModels.CeleryRedis(rotate), KubernetesTestModels.Options(rotate: true));
        var valuesAfter = rotated.SecretValues;
        Assert.Equal(valuesBefore.Keys, valuesAfter.Keys);
        Assert.All(valuesBefore, v => Assert.NotEqual(v.Value, valuesAfter[v.Key]));
        Assert.All(rotated.Snapshot().Where(f => f.Key != KubernetesSecret.EnvFile), f => Assert.True(f.Value.AsSpan().SequenceEqual(before[f.Key]), $"{f.Key} changed."));
        Assert.Equal(first.GeneratedSecret.Metadata.Name, rotated.GeneratedSecret.Metadata.Name);
    }

    [SkippableFact]
    public async Task A_symlink_at_secrets_env_is_replaced_by_a_private_file_and_the_file_it_points_to_is_left_alone()
    {
        if (OperatingSystem.IsWindows())
        {
            throw new SkipException("Unix file modes and symbolic links");
        }

        using var test = TestApp.CreateForPublish();
        using var first = await PublishedCluster.PublishAsync(KubernetesTestModels.CeleryRedis(test));
        var secrets = Path.Combine(first.Directory, KubernetesSecret.EnvFile);
        var elsewhere = Path.Combine(test.Directory, "someone-elses.env");
        const string theirs = "# not the publisher's file\n";
        await File.WriteAllTextAsync(elsewhere, theirs);
        File.SetUnixFileMode(elsewhere, Readable);
        File.Delete(secrets);
        File.CreateSymbolicLink(secrets, elsewhere);

        using var again = TestApp.CreateForPublish();
        using var second = await first.PublishAgainAsync(KubernetesTestModels.CeleryRedis(again));

        Assert.Equal(theirs, await File.ReadAllTextAsync(elsewhere));
        Assert.Equal(Readable, File.GetUnixFileMode(elsewhere));
        Assert.Null(new FileInfo(secrets).LinkTarget);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secrets));
        Assert.Contains("postgres-password", second.SecretValues.Keys);
    }

    [SkippableFact]
    public async Task An_existing_readable_secrets_env_becomes_private_and_whoever_had_it_open_does_not_read_the_new_secrets()
    {
        if (OperatingSystem.IsWindows())
        {
            throw new SkipException("Unix file modes and symbolic links");
        }

        using var test = TestApp.CreateForPublish();
        using var first = await PublishedCluster.PublishAsync(KubernetesTestModels.CeleryRedis(test));
        var secrets = Path.Combine(first.Directory, KubernetesSecret.EnvFile);
        var old = await File.ReadAllTextAsync(secrets);
        File.SetUnixFileMode(secrets, Readable);

        // Someone who could read the old file keeps it open across a publish that writes new values.
        await using var reader = new FileStream(secrets, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var rotate = TestApp.CreateForPublish();
        using var rotated = await first.PublishAgainAsync(KubernetesTestModels.CeleryRedis(rotate), KubernetesTestModels.Options(rotate: true));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secrets));
        Assert.NotEqual(old, await File.ReadAllTextAsync(secrets));
        Assert.Equal(old, await new StreamReader(reader).ReadToEndAsync());
    }

    private const UnixFileMode Readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    [SkippableFact]
    public async Task A_value_given_when_publishing_wins_and_is_kept_literally()
    {
        using var test = TestApp.CreateForPublish();
        test.Builder.AddPostgres("postgres");
        const string given = "p@ss w0rd\"with'quotes#";
        using var cluster = await PublishedCluster.PublishAsync(
            test, KubernetesTestModels.Options(configuration: new Dictionary<string, string?> { ["Parameters:postgres-password"] = given }));

        Assert.Equal(given, cluster.SecretValues["postgres-password"]);
        Assert.Equal(given, Encoding.UTF8.GetString(cluster.GeneratedSecret.Data["postgres-password"]));
    }

    [Fact]
    public async Task A_value_over_several_lines_is_refused_and_nothing_is_written()
    {
        using var test = TestApp.CreateForPublish();
        test.Builder.AddPostgres("postgres");
        using var temp = new TempFolder();
        var output = temp.Combine("out");

        var error = await KubernetesTestModels.PublishFailureAsync(
            test, output, KubernetesTestModels.Options(configuration: new Dictionary<string, string?> { ["Parameters:postgres-password"] = "a\nb" }));

        Assert.Contains("postgres-password", error);
        Assert.Contains("one line", error);
        Assert.False(Directory.Exists(Path.Combine(output, KustomizeTestPublish.EnvironmentName)));
    }

    [SkippableFact]
    public async Task An_external_database_deploys_no_postgres_and_its_connection_string_must_be_given()
    {
        static TestApp WithExternalDatabase(TestApp test)
        {
            var external = test.Builder.AddConnectionString("airflow-db");
            test.Builder.AddAirflow("airflow").WithDatabase(external);
            return test;
        }

        using var test = WithExternalDatabase(TestApp.CreateForPublish());
        using var temp = new TempFolder();
        var output = temp.Combine("out");
        var error = await KubernetesTestModels.PublishFailureAsync(test, output);
        Assert.Contains("airflow-db", error);
        Assert.Contains("ConnectionStrings", error);
        Assert.False(Directory.Exists(Path.Combine(output, KustomizeTestPublish.EnvironmentName)));

        const string url = "postgresql+psycopg2://airflow:s3cret@db.example.com:5432/airflow";
        using var given = WithExternalDatabase(TestApp.CreateForPublish());
        using var cluster = await PublishedCluster.PublishAsync(
            given, KubernetesTestModels.Options(configuration: new Dictionary<string, string?> { ["ConnectionStrings:airflow-db"] = url }));
        Assert.DoesNotContain(cluster.Objects, o => PublishedCluster.Name(o).StartsWith("postgres", StringComparison.Ordinal));
        Assert.DoesNotContain(cluster.Containers(), c => c.Container.Image.Contains("postgres", StringComparison.Ordinal));
        Assert.Equal(url, Encoding.UTF8.GetString(cluster.GeneratedSecret.Data["airflow-db"]));
        Assert.DoesNotContain("s3cret", cluster.Rendered.Replace(Convert.ToBase64String(Encoding.UTF8.GetBytes(url)), string.Empty));
    }

    [SkippableFact]
    public async Task A_bare_rotate_secrets_switch_on_the_command_line_renews_the_generated_secrets()
    {
        Skip.IfNot(File.Exists(AppHostProcess.AssemblyPath()), "The AppHost is not built next to the tests.");
        using var temp = new TempFolder();
        string[] publish = ["--operation", "publish", "--step", "publish", "--output-path", temp.Path];
        var secrets = temp.Combine(KustomizeTestPublish.EnvironmentName, KubernetesSecret.EnvFile);

        var first = await AppHostProcess.RunAsync(AppHostProcess.DefaultAppHost, temp.Path, publish);
        Assert.True(first.ExitCode == 0, first.StandardError + first.StandardOutput);
        var before = File.ReadAllText(secrets);
        var again = await AppHostProcess.RunAsync(AppHostProcess.DefaultAppHost, temp.Path, publish);
        Assert.True(again.ExitCode == 0, again.StandardError + again.StandardOutput);
        Assert.Equal(before, File.ReadAllText(secrets));

        var rotated = await AppHostProcess.RunAsync(AppHostProcess.DefaultAppHost, temp.Path, [.. publish, "--rotate-secrets"]);
        Assert.True(rotated.ExitCode == 0, rotated.StandardError + rotated.StandardOutput);
        var after = File.ReadAllLines(secrets).Where(l => !l.StartsWith('#')).ToList();
        Assert.Equal(before.Split('\n').Count(l => l.Length > 0 && !l.StartsWith('#')), after.Count);
        Assert.All(after, line => Assert.DoesNotContain(line, before.Split('\n')));
    }
}
