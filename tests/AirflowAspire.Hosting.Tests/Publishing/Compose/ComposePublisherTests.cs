using AirflowAspire.Hosting.Publishing;
using AirflowAspire.Hosting.Publishing.Compose;
using AirflowAspire.Hosting.Tests.Integrations.Airflow;
using AirflowAspire.Hosting.Tests.TestSupport;

namespace AirflowAspire.Hosting.Tests.Publishing.Compose;

/// <summary>The files the compose publisher writes: the compose file, the secrets in .env, and a .gitignore for it.</summary>
public sealed class ComposePublisherTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void The_compose_publisher_is_registered_by_name()
    {
        Assert.IsType<ComposePublisher>(Publishers.Get("compose"));
    }

    [Fact]
    public async Task Publishing_writes_the_compose_file_the_secrets_in_a_private_env_file_and_a_gitignore_for_it()
    {
        using var test = AirflowApp();
        var output = temp.Combine("deploy");

        await Publish(test, output);

        var compose = ComposeDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "docker-compose.yaml")));
        Assert.Contains("airflow-scheduler", compose.ServiceNames);
        Assert.Equal(".env\n", await File.ReadAllTextAsync(Path.Combine(output, ".gitignore")));
        var env = ReadEnv(output);
        Assert.Equal(
            ["POSTGRES_PASSWORD", "REDIS_PASSWORD", "AIRFLOW_FERNET_KEY_SEED", "AIRFLOW_JWT_SECRET", "AIRFLOW_SECRET_KEY", "AIRFLOW_ADMIN_PASSWORD"],
            env.Keys);
        Assert.All(env.Values, value => Assert.True(value.Length >= 16, $"'{value}' is too short for a generated secret."));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(output, ".env")));
        }
    }

    [Fact]
    public async Task The_compose_file_holds_no_secret_value_only_interpolations_of_the_env_file()
    {
        using var test = AirflowApp("--Parameters:redis-password=Supplied-Redis-Secret-42");
        var output = temp.Combine("deploy");

        await Publish(test, output);

        var text = await File.ReadAllTextAsync(Path.Combine(output, "docker-compose.yaml"));
        var env = ReadEnv(output);
        Assert.Equal("Supplied-Redis-Secret-42", env["REDIS_PASSWORD"]);
        Assert.All(env, secret => Assert.DoesNotContain(secret.Value, text));
        Assert.All(env.Keys, key => Assert.Contains("${" + key + "}", text));
    }

    [Fact]
    public async Task Publishing_twice_gives_the_same_bytes_and_rotating_changes_only_the_secrets()
    {
        var output = temp.Combine("deploy");
        using (var first = AirflowApp())
        {
            await Publish(first, output);
        }

        var compose = await File.ReadAllBytesAsync(Path.Combine(output, "docker-compose.yaml"));
        var env = await File.ReadAllBytesAsync(Path.Combine(output, ".env"));
        var before = ReadEnv(output);

        using (var second = AirflowApp())
        {
            await Publish(second, output);
        }

        Assert.Equal(compose, await File.ReadAllBytesAsync(Path.Combine(output, "docker-compose.yaml")));
        Assert.Equal(env, await File.ReadAllBytesAsync(Path.Combine(output, ".env")));
        Assert.Equal(".env\n", await File.ReadAllTextAsync(Path.Combine(output, ".gitignore")));

        using (var rotated = AirflowApp("--rotate-secrets"))
        {
            await Publish(rotated, output);
        }

        Assert.Equal(compose, await File.ReadAllBytesAsync(Path.Combine(output, "docker-compose.yaml")));
        var after = ReadEnv(output);
        Assert.Equal(before.Keys, after.Keys);
        Assert.All(before, secret => Assert.NotEqual(secret.Value, after[secret.Key]));
    }

    [Fact]
    public async Task A_value_compose_would_interpolate_is_single_quoted_and_kept_on_the_next_publish()
    {
        var output = Directory.CreateDirectory(temp.Combine("deploy")).FullName;
        await File.WriteAllTextAsync(Path.Combine(output, ".env"), "POSTGRES_PASSWORD='pa$$ word#1'\n");

        using var test = AirflowApp();
        await Publish(test, output);

        Assert.Contains("POSTGRES_PASSWORD='pa$$ word#1'\n", await File.ReadAllTextAsync(Path.Combine(output, ".env")));
    }

    [Fact]
    public async Task An_existing_gitignore_gets_the_env_file_added_once()
    {
        var output = Directory.CreateDirectory(temp.Combine("deploy")).FullName;
        await File.WriteAllTextAsync(Path.Combine(output, ".gitignore"), "bin/\nobj/");

        using (var first = AirflowApp())
        {
            await Publish(first, output);
        }

        using (var second = AirflowApp())
        {
            await Publish(second, output);
        }

        Assert.Equal("bin/\nobj/\n.env\n", await File.ReadAllTextAsync(Path.Combine(output, ".gitignore")));
    }

    [Fact]
    public async Task An_output_path_that_is_a_file_is_refused_and_nothing_is_written()
    {
        var folder = Directory.CreateDirectory(temp.Combine("deploy")).FullName;
        var file = Path.Combine(folder, "compose.yaml");
        await File.WriteAllTextAsync(file, "keep me");
        using var test = AirflowApp();

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => Publish(test, file));

        Assert.Contains(file, error.Message);
        Assert.Contains("folder", error.Message);
        Assert.Equal("keep me", await File.ReadAllTextAsync(file));
        Assert.Equal([file], Directory.GetFileSystemEntries(folder));
    }

    [Theory]
    [InlineData("it's")]
    [InlineData(@"back\\slash")]
    public async Task A_secret_compose_would_change_is_refused_before_anything_is_written(string value)
    {
        using var test = AirflowApp($"--Parameters:postgres-password={value}");
        var output = temp.Combine("deploy");

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => Publish(test, output));

        Assert.Contains("'postgres-password'", error.Message);
        Assert.False(Directory.Exists(output), "Nothing should be written when a secret cannot be.");
    }

    [Fact]
    public async Task The_AppHost_publishes_a_compose_file_and_says_where()
    {
        var result = await AppHostProcess.RunAsync(temp.Path, "--publisher", "compose", "--output-path", "out");

        Assert.True(result.ExitCode == 0, $"The AppHost exited with {result.ExitCode}. stderr:{Environment.NewLine}{result.StandardError}");
        Assert.Equal(string.Empty, result.StandardError);
        var file = temp.Combine("out", "docker-compose.yaml");
        Assert.Contains($"Published compose file to: {file}", result.StandardOutput);
        Assert.Contains("airflow-worker", ComposeDocument.Parse(await File.ReadAllTextAsync(file)).ServiceNames);
        Assert.True(File.Exists(temp.Combine("out", ".env")));
    }

    private static TestApp AirflowApp(params string[] args)
    {
        var test = TestApp.Create(["--publisher", "compose", .. args]);
        test.AddAirflowWithDatabase().WithRedisCelery().WithWorkers(2);
        return test;
    }

    private static Task Publish(TestApp test, string output)
    {
        var options = PublishingOptions.From(test.Builder.Configuration) with { OutputPath = output };
        return new ComposePublisher().PublishAsync(test.Builder.Build().Model, options, CancellationToken.None);
    }

    /// <summary>The .env file's keys and values, in order, single quotes removed.</summary>
    internal static Dictionary<string, string> ReadEnv(string folder) =>
        File.ReadAllLines(Path.Combine(folder, ".env"))
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => line.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1].Length >= 2 && p[1][0] == '\'' ? p[1][1..^1] : p[1]);
}
