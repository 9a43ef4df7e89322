using AirflowAspire.Hosting.Compose.Tests.TestSupport;

namespace AirflowAspire.Hosting.Compose.Tests;

/// <summary>The files the publish-compose step writes: the compose file, the secrets in .env, and a .gitignore for it.</summary>
public sealed class ComposePublishStepTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Publishing_writes_the_compose_file_the_secrets_in_a_private_env_file_and_a_gitignore_for_it()
    {
        await using var test = AirflowApp();

        var compose = await test.PublishAsync();

        Assert.Contains("airflow-scheduler", compose.ServiceNames);
        Assert.Equal(".env\n*.dump\n", await File.ReadAllTextAsync(Path.Combine(test.ComposeFolder, ".gitignore")));
        var env = EnvFile.Read(test.ComposeFolder);
        Assert.Equal(
            ["AIRFLOW_ADMIN_PASSWORD", "AIRFLOW_FERNET_KEY_SEED", "AIRFLOW_JWT_SECRET", "AIRFLOW_SECRET_KEY", "POSTGRES_PASSWORD", "REDIS_PASSWORD"],
            env.Keys.Order(StringComparer.Ordinal));
        Assert.All(env.Values, value => Assert.True(value.Length >= 16, $"'{value}' is too short for a generated secret."));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(test.ComposeFolder, ".env")));
        }

        Assert.Equal(["compose"], Directory.GetFileSystemEntries(test.OutputPath).Select(Path.GetFileName)); // one folder per environment
    }

    [Fact]
    public async Task The_compose_file_holds_no_secret_value_only_interpolations_of_the_env_file()
    {
        await using var test = AirflowApp("Parameters:redis-password=Supplied-Redis-Secret-42");

        await test.PublishAsync();

        var text = await File.ReadAllTextAsync(test.ComposeFile);
        var env = EnvFile.Read(test.ComposeFolder);
        Assert.Equal("Supplied-Redis-Secret-42", env["REDIS_PASSWORD"]);
        Assert.All(env, secret => Assert.DoesNotContain(secret.Value, text));
        Assert.All(env.Keys, key => Assert.Contains("${" + key + "}", text));
    }

    [Fact]
    public async Task Publishing_twice_gives_the_same_bytes_and_rotating_changes_only_the_secrets()
    {
        await using (var first = AirflowApp())
        {
            await first.PublishAsync();
        }

        var folder = Path.Combine(temp.Path, "out", "compose");
        var compose = await File.ReadAllBytesAsync(Path.Combine(folder, "docker-compose.yaml"));
        var env = await File.ReadAllBytesAsync(Path.Combine(folder, ".env"));
        var before = EnvFile.Read(folder);

        await using (var second = AirflowApp())
        {
            await second.PublishAsync();
        }

        Assert.Equal(compose, await File.ReadAllBytesAsync(Path.Combine(folder, "docker-compose.yaml")));
        Assert.Equal(env, await File.ReadAllBytesAsync(Path.Combine(folder, ".env")));
        Assert.Equal(".env\n*.dump\n", await File.ReadAllTextAsync(Path.Combine(folder, ".gitignore")));

        await using (var rotated = AirflowApp("rotate-secrets=true"))
        {
            await rotated.PublishAsync();
        }

        Assert.Equal(compose, await File.ReadAllBytesAsync(Path.Combine(folder, "docker-compose.yaml")));
        var after = EnvFile.Read(folder);
        Assert.Equal(before.Keys, after.Keys);
        Assert.All(before, secret => Assert.NotEqual(secret.Value, after[secret.Key]));
    }

    [Fact]
    public async Task A_bare_rotate_secrets_switch_at_the_end_of_the_command_line_rotates_too()
    {
        await using (var first = AirflowApp())
        {
            await first.PublishAsync();
        }

        var before = EnvFile.Read(temp.Combine("out", "compose"));
        await using (var rotated = AirflowApp("--rotate-secrets"))
        {
            await rotated.PublishAsync();
        }

        var after = EnvFile.Read(temp.Combine("out", "compose"));
        Assert.All(before, secret => Assert.NotEqual(secret.Value, after[secret.Key]));
    }

    [Fact]
    public async Task A_value_compose_would_interpolate_is_single_quoted_and_kept_on_the_next_publish()
    {
        var folder = Directory.CreateDirectory(temp.Combine("out", "compose")).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, ".env"), "POSTGRES_PASSWORD='pa$$ word#1'\n");

        await using var test = AirflowApp();
        await test.PublishAsync();

        Assert.Contains("POSTGRES_PASSWORD='pa$$ word#1'\n", await File.ReadAllTextAsync(Path.Combine(folder, ".env")));
    }

    [Fact]
    public async Task An_existing_gitignore_gets_the_env_file_and_dumps_added_once()
    {
        var folder = Directory.CreateDirectory(temp.Combine("out", "compose")).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, ".gitignore"), "bin/\nobj/");

        await using (var first = AirflowApp())
        {
            await first.PublishAsync();
        }

        await using (var second = AirflowApp())
        {
            await second.PublishAsync();
        }

        Assert.Equal("bin/\nobj/\n.env\n*.dump\n", await File.ReadAllTextAsync(Path.Combine(folder, ".gitignore")));
    }

    [Fact]
    public async Task A_file_where_the_environment_folder_goes_is_refused_and_nothing_is_written()
    {
        var output = Directory.CreateDirectory(temp.Combine("out")).FullName;
        var file = Path.Combine(output, "compose");
        await File.WriteAllTextAsync(file, "keep me");
        await using var test = AirflowApp();

        var errors = await test.PublishFailingAsync();

        Assert.Contains(file, errors);
        Assert.Contains("folder", errors);
        Assert.Equal("keep me", await File.ReadAllTextAsync(file));
        Assert.Equal([file], Directory.GetFileSystemEntries(output));
    }

    [Theory]
    [InlineData("it's")]
    [InlineData(@"back\slash")]
    public async Task A_secret_compose_would_change_is_refused_before_anything_is_written(string value)
    {
        await using var test = AirflowApp($"Parameters:postgres-password={value}");

        var errors = await test.PublishFailingAsync();

        Assert.Contains("'postgres-password'", errors);
        Assert.False(Directory.Exists(test.ComposeFolder), "Nothing should be written when a secret cannot be.");
    }

    [Fact]
    public async Task A_secret_without_any_value_is_refused_with_the_fix()
    {
        await using var test = ComposeTestApp.Create(temp.Path);
        test.Builder.AddContainer("app", "busybox", "1.36").WithEnvironment("TOKEN", test.Builder.AddParameter("api-token", secret: true));

        var errors = await test.PublishFailingAsync();

        Assert.Contains("api-token", errors);
        Assert.False(File.Exists(test.ComposeFile));
    }

    [Fact]
    public async Task A_local_run_leaves_the_environment_out_of_the_model()
    {
        await using var builder = DistributedApplicationTestingBuilder.Create();

        var environment = builder.AddComposeEnvironment("compose");

        Assert.Equal("publish-compose", environment.Resource.PublishStepName);
        Assert.DoesNotContain(builder.Resources, r => r is ComposeEnvironmentResource);
    }

    [SkippableFact]
    public async Task A_symlink_at_the_env_file_is_replaced_by_a_private_file_and_the_file_it_points_to_is_left_alone()
    {
        if (OperatingSystem.IsWindows())
        {
            throw new SkipException("Unix file modes and symbolic links");
        }

        var folder = Directory.CreateDirectory(temp.Combine("out", "compose")).FullName;
        var elsewhere = temp.Combine("someone-elses.env");
        const string theirs = "# not the publisher's file\n";
        await File.WriteAllTextAsync(elsewhere, theirs);
        File.SetUnixFileMode(elsewhere, Readable);
        var env = Path.Combine(folder, ".env");
        File.CreateSymbolicLink(env, elsewhere);

        await using (var test = AirflowApp())
        {
            await test.PublishAsync();
        }

        Assert.Equal(theirs, await File.ReadAllTextAsync(elsewhere));
        Assert.Equal(Readable, File.GetUnixFileMode(elsewhere));
        Assert.Null(new FileInfo(env).LinkTarget);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(env));
        Assert.Contains("POSTGRES_PASSWORD", EnvFile.Read(folder).Keys);
    }

    [SkippableFact]
    public async Task An_existing_readable_env_file_becomes_private_and_whoever_had_it_open_does_not_read_the_new_secrets()
    {
        if (OperatingSystem.IsWindows())
        {
            throw new SkipException("Unix file modes and symbolic links");
        }

        var folder = Directory.CreateDirectory(temp.Combine("out", "compose")).FullName;
        var env = Path.Combine(folder, ".env");
        const string old = "# an old, readable .env\n";
        await File.WriteAllTextAsync(env, old);
        File.SetUnixFileMode(env, Readable);

        // Someone who could read the old file keeps it open across the publish.
        await using var reader = new FileStream(env, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        await using (var test = AirflowApp())
        {
            await test.PublishAsync();
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(env));
        Assert.Contains("POSTGRES_PASSWORD", EnvFile.Read(folder).Keys);
        Assert.Equal(old, await new StreamReader(reader).ReadToEndAsync());
    }

    private const UnixFileMode Readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private ComposeTestApp AirflowApp(params string[] args)
    {
        var test = ComposeTestApp.Create(temp.Path, args);
        test.Builder.AddAirflowWithDatabase(postgresVolume: true, apiServerPort: 8080).WithRedisCelery(dataVolume: true).WithWorkers(2);
        return test;
    }
}
