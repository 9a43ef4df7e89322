using System.Diagnostics;
using System.Text.Json;
using AirflowAspire.Orchestration.Tests.TestSupport;

namespace AirflowAspire.Orchestration.Tests.Containers;

public sealed class SecretTests
{
    /// <summary>
    /// Postgres, because its image takes the password from the environment alone; every process on the
    /// machine is watched from the start, so even a CLI that lives a moment would be seen.
    /// </summary>
    [SkippableFact]
    public async Task An_environment_value_never_shows_in_process_arguments_nor_in_the_containers_arguments()
    {
        await using var app = await ContainerTestApp.StartAsync();
        var password = TestSpecs.NewSecret();
        var log = new CollectingWorkloadLog();

        using var watch = new CancellationTokenSource();
        var commandLinesDuringStart = Task.Run(() => ProcessCommandLines.CollectUntil(watch.Token));
        var postgres = await app.StartWorkloadAsync(TestSpecs.Postgres(password, FreePort.Pick(), app.Volume("pg-data")), log);
        var ready = await HealthCommand.UntilPassesAsync(postgres, TestSpecs.PostgresReady, useShell: false, TimeSpan.FromSeconds(90));
        Assert.Equal(0, ready.ExitCode);
        await watch.CancelAsync();

        var commandLines = await commandLinesDuringStart;
        Assert.Contains(commandLines, line => line.Contains("--env-file"));
        Assert.DoesNotContain(commandLines, line => line.Contains(password));
        Assert.DoesNotContain(password, await PsAuxAsync());

        var container = (await DockerCommand.MustAsync("inspect", $"{app.Name}-postgres")).Output;
        var inspected = JsonDocument.Parse(container).RootElement[0];
        Assert.DoesNotContain(password, inspected.GetProperty("Args").GetRawText());
        Assert.DoesNotContain(password, inspected.GetProperty("Path").GetString());
        Assert.Contains($"POSTGRES_PASSWORD={password}", inspected.GetProperty("Config").GetProperty("Env").EnumerateArray().Select(e => e.GetString()));

        Assert.DoesNotContain(password, log.AllText);
        Assert.Empty(EnvFilesHolding(password));
    }

    private static async Task<string> PsAuxAsync()
    {
        var info = new ProcessStartInfo("ps", ["auxww"]) { RedirectStandardOutput = true, UseShellExecute = false };
        using var ps = Process.Start(info)!;
        var output = await ps.StandardOutput.ReadToEndAsync();
        await ps.WaitForExitAsync();
        Assert.Equal(0, ps.ExitCode);
        return output;
    }

    private static IEnumerable<string> EnvFilesHolding(string secret) =>
        Directory.EnumerateFiles(Path.GetTempPath(), "airflowaspire-*.env")
            .Where(file => File.ReadAllText(file).Contains(secret));
}
